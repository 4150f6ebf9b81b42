package org.rl3spark.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PoliciesTest {

  private static final List<String> BANDITS =
      List.of(
          "epsilon_greedy",
          "gittins",
          "greedy",
          "oracle",
          "ots_rl2",
          "random",
          "thompson",
          "ucb1_rl2");
  private static final List<String> MDPS =
      List.of("beb", "epsilon_greedy", "greedy", "opsrl", "oracle", "psrl", "random", "ucrl2");

  @Test
  void listsTheAllowedNamesPerFamily() {
    assertThat(Policies.names(set("bandits"))).containsExactlyElementsOf(BANDITS);
    assertThat(Policies.names(set("mdps"))).containsExactlyElementsOf(MDPS);
    assertThat(Policies.names(set("gridworld"))).containsExactly("oracle", "random");
  }

  static Stream<Arguments> everyListedName() {
    return Stream.of("bandits", "mdps", "gridworld")
        .flatMap(f -> Policies.names(set(f)).stream().map(n -> Arguments.of(f, n)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("everyListedName")
  void everyListedNameBuildsAndItsCanonicalNameRoundTrips(String family, String name)
      throws Exception {
    Policy policy = create(PolicySpec.parse(name), family, 10);
    assertThat(PolicySpec.parse(policy.name()).name())
        .as("canonical name of %s keeps the policy name", name)
        .isEqualTo(name);
    Policy again = create(PolicySpec.parse(policy.name()), family, 10);
    assertThat(again.name()).isEqualTo(policy.name());
    assertThat(again.getClass()).isEqualTo(policy.getClass());
    // Policies are shipped to executors: a serialised copy has the same name.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(policy);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(((Policy) in.readObject()).name()).isEqualTo(policy.name());
    }
  }

  @ParameterizedTest(name = "{0} / {1} -> {2}")
  @CsvSource(
      delimiter = ';',
      value = {
        "bandits; gittins; gittins(gamma=0.98)",
        "bandits; gittins(gamma=0.90); gittins(gamma=0.9)",
        "bandits; ucb1_rl2(c=0.2); ucb1_rl2(c=0.2)",
        "bandits; ucb1_rl2(c=0.20); ucb1_rl2(c=0.2)",
        "bandits; ucb1_rl2; ucb1_rl2(c=0.2)",
        "bandits; ucb1_rl2(c=1.0); ucb1_rl2(c=1)",
        "bandits; thompson; thompson",
        "bandits; ots_rl2; ots_rl2(samples=5)",
        "bandits; ots_rl2(samples=20); ots_rl2(samples=20)",
        "bandits; epsilon_greedy; epsilon_greedy(eps=0.1)",
        "bandits; epsilon_greedy(eps=0.30); epsilon_greedy(eps=0.3)",
        "bandits; epsilon_greedy(eps=0); greedy",
        "bandits; greedy; greedy",
        "bandits; random; random",
        "bandits; oracle; oracle",
        "mdps; psrl; psrl(mu0=0)",
        "mdps; psrl(mu0=1); psrl(mu0=1)",
        "mdps; psrl(tau=2, alpha0=0.5, mu0=1); psrl(mu0=1,alpha0=0.5,tau=2)",
        "mdps; opsrl; opsrl(samples=10,mu0=0)",
        "mdps; opsrl(samples=1); psrl(mu0=0)",
        "mdps; opsrl(mu0=0, samples=3, tau0=2); opsrl(samples=3,mu0=0,tau0=2)",
        "mdps; ucrl2; ucrl2(scaling=0.1)",
        "mdps; ucrl2(scaling=1e-4, delta=0.1); ucrl2(scaling=0.0001,delta=0.1)",
        "mdps; beb; beb(scaling=0.01)",
        "mdps; epsilon_greedy; epsilon_greedy(eps=0.1)",
        "mdps; epsilon_greedy(eps=1); epsilon_greedy(eps=1)",
        "mdps; greedy; greedy",
        "gridworld; random; random",
        "gridworld; oracle; oracle"
      })
  void buildsCanonicalNames(String family, String spec, String expected) {
    assertThat(create(PolicySpec.parse(spec), family, 10).name()).isEqualTo(expected);
  }

  @Test
  void unknownPolicyMessageListsTheAllowedOnes() {
    assertThatThrownBy(() -> validate(PolicySpec.parse("ucb"), "bandits"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown policy 'ucb' for bandits: expected one of " + String.join(", ", BANDITS));
    assertThatThrownBy(() -> create(PolicySpec.parse("psrl"), "bandits", 10))
        .hasMessageContaining("unknown policy 'psrl' for bandits")
        .hasMessageContaining(String.join(", ", BANDITS));
    assertThatThrownBy(() -> create(PolicySpec.parse("thompson"), "mdps", 10))
        .hasMessageContaining("expected one of " + String.join(", ", MDPS));
    assertThatThrownBy(() -> create(PolicySpec.parse("greedy"), "gridworld", 10))
        .hasMessage("unknown policy 'greedy' for gridworld: expected one of oracle, random");
  }

  @Test
  void unknownParameterMessageListsTheAllowedOnes() {
    assertThatThrownBy(() -> validate(PolicySpec.parse("ucb1_rl2(k=1)"), "bandits"))
        .hasMessage("policy ucb1_rl2 has no parameter 'k'; it takes c");
    assertThatThrownBy(() -> validate(PolicySpec.parse("psrl(samples=2)"), "mdps"))
        .hasMessage("policy psrl has no parameter 'samples'; it takes alpha0, mu0, tau, tau0");
    assertThatThrownBy(() -> validate(PolicySpec.parse("gittins(c=1)"), "bandits"))
        .hasMessage("policy gittins has no parameter 'c'; it takes depth, gamma, grid");
    assertThatThrownBy(() -> validate(PolicySpec.parse("thompson(c=1)"), "bandits"))
        .hasMessage("policy thompson has no parameter 'c' (it takes none)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "epsilon_greedy(eps=1.5)", "epsilon_greedy(eps=-0.1)", "ucb1_rl2(c=-1)",
            "ots_rl2(samples=0)",
        "gittins(gamma=1)", "gittins(gamma=0)", "gittins(gamma=NaN)", "ucb1_rl2(c=Infinity)",
        "epsilon_greedy(eps=NaN)"
      })
  void outOfRangeBanditHyperparametersAreRejected(String spec) {
    assertThatThrownBy(() -> create(PolicySpec.parse(spec), "bandits", 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "psrl(alpha0=0)",
        "psrl(tau0=-1)",
        "psrl(alpha0=Infinity)",
        "psrl(tau0=1e400)",
        "opsrl(tau=Infinity)",
        "psrl(mu0=-Infinity)",
        "psrl(tau=NaN)",
        "opsrl(samples=0)",
        "ucrl2(delta=1)",
        "ucrl2(delta=NaN)",
        "ucrl2(scaling=Infinity)",
        "ucrl2(scaling=-1)",
        "beb(scaling=-0.5)",
        "epsilon_greedy(eps=2)"
      })
  void outOfRangeMdpHyperparametersAreRejected(String spec) {
    assertThatThrownBy(() -> create(PolicySpec.parse(spec), "mdps", 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got");
  }

  @Test
  void nonNumericHyperparametersAreRejectedWithTheirKey() {
    assertThatThrownBy(() -> create(PolicySpec.parse("ucb1_rl2(c=abc)"), "bandits", 10))
        .hasMessage("parameter c=abc of policy ucb1_rl2 is not a number");
    assertThatThrownBy(() -> create(PolicySpec.parse("opsrl(samples=2.5)"), "mdps", 10))
        .hasMessage("parameter samples=2.5 of policy opsrl is not an integer");
  }

  @Test
  void sweepSpecsBuildOnePolicyPerCombination() {
    List<String> names =
        PolicySpec.parse("ucb1_rl2(c=0|0.1|0.2)").expand().stream()
            .map(s -> create(s, "bandits", 10).name())
            .toList();
    assertThat(names).containsExactly("ucb1_rl2(c=0)", "ucb1_rl2(c=0.1)", "ucb1_rl2(c=0.2)");
  }

  @Test
  void gittinsTableCoversTheBudget() {
    var policy =
        (org.rl3spark.core.policy.bandit.GittinsPolicy)
            create(PolicySpec.parse("gittins(gamma=0.9)"), "bandits", 25);
    assertThat(policy.table().maxPulls()).isEqualTo(24);
    assertThat(policy.table().gamma()).isEqualTo(0.9);
  }

  /** The set each family's registration names (envs' {@code FamilyPolicies} looks it up). */
  private static PolicySet set(String family) {
    return switch (family) {
      case "bandits" -> PolicySet.BANDIT;
      case "mdps" -> PolicySet.TABULAR;
      default -> PolicySet.COMMON;
    };
  }

  private static void validate(PolicySpec spec, String family) {
    Policies.validate(spec, family, set(family));
  }

  private static Policy create(PolicySpec spec, String family, int maxBudget) {
    return Policies.create(spec, family, set(family), maxBudget);
  }
}
