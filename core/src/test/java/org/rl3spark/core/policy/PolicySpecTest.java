package org.rl3spark.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicySpecTest {

  @Test
  void parsesABareName() {
    PolicySpec spec = PolicySpec.parse("thompson");
    assertThat(spec.name()).isEqualTo("thompson");
    assertThat(spec.params()).isEmpty();
    assertThat(spec).hasToString("thompson");
  }

  @Test
  void parsesParametersInOrder() {
    PolicySpec spec = PolicySpec.parse("opsrl(samples=10,mu0=0,tau=2)");
    assertThat(spec.name()).isEqualTo("opsrl");
    assertThat(spec.params())
        .containsExactly(Map.entry("samples", "10"), Map.entry("mu0", "0"), Map.entry("tau", "2"));
    assertThat(spec.getInt("samples", -1)).isEqualTo(10);
    assertThat(spec.getDouble("tau", -1)).isEqualTo(2.0);
    assertThat(spec.getDouble("alpha0", 0.5)).as("absent key gives the default").isEqualTo(0.5);
  }

  @Test
  void ignoresSpacesAroundTokens() {
    PolicySpec spec = PolicySpec.parse("  ucb1_rl2 ( c = 0.2 ,  d=1 )  ");
    assertThat(spec.name()).isEqualTo("ucb1_rl2");
    assertThat(spec.params()).containsExactly(Map.entry("c", "0.2"), Map.entry("d", "1"));
    assertThat(spec).hasToString("ucb1_rl2(c=0.2,d=1)");
    assertThat(PolicySpec.parse("psrl()").params()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "Thompson",
        "1abc",
        "ucb1 rl2",
        "ucb1_rl2(c=0.2",
        "ucb1_rl2 c=0.2)",
        "ucb1_rl2(c=1)(c=2)",
        "ucb1_rl2(c=(1))"
      })
  void rejectsMalformedNames(String text) {
    assertThatThrownBy(() -> PolicySpec.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformed policy '" + text + "'")
        .hasMessageContaining("expected name or name(key=value, ...)");
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> PolicySpec.parse(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformed policy");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "ucb1_rl2(c);c",
        "ucb1_rl2(=0.2);=0.2",
        "ucb1_rl2(c=);c=",
        "ucb1_rl2(C=0.2);C=0.2",
        "ucb1_rl2(c=0.2,);''",
        "ucb1_rl2(c=0.2,,d=1);''",
        "ucb1_rl2(c=1=2);c=1=2",
        "ucb1_rl2(c=0||1);c=0||1",
        "ucb1_rl2(c=0|);c=0|",
        "ucb1_rl2(c=|1);c=|1"
      })
  void rejectsMalformedParameters(String text, String part) {
    assertThatThrownBy(() -> PolicySpec.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformed parameter '" + part + "' in policy '" + text + "'");
  }

  @Test
  void rejectsARepeatedParameter() {
    assertThatThrownBy(() -> PolicySpec.parse("ucb1_rl2(c=0.1, c=0.2)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parameter 'c' given twice");
  }

  @Test
  void rejectsAnInvalidNameInTheConstructor() {
    assertThatThrownBy(() -> new PolicySpec("Bad-Name", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Bad-Name'")
        .hasMessageContaining("lower case letters, digits and underscores");
  }

  @Test
  void reportsNonNumericValuesWithTheKeyAndPolicy() {
    PolicySpec spec = PolicySpec.parse("ots_rl2(samples=2.5, c=abc)");
    assertThatThrownBy(() -> spec.getInt("samples", 1))
        .hasMessage("parameter samples=2.5 of policy ots_rl2 is not an integer");
    assertThatThrownBy(() -> spec.getDouble("c", 1))
        .hasMessage("parameter c=abc of policy ots_rl2 is not a number");
  }

  @Test
  void expandsASingleSweepInOrder() {
    List<PolicySpec> specs = PolicySpec.parse("ucb1_rl2(c=0|0.1 | 0.2)").expand();
    assertThat(specs)
        .extracting(PolicySpec::toString)
        .containsExactly("ucb1_rl2(c=0)", "ucb1_rl2(c=0.1)", "ucb1_rl2(c=0.2)");
  }

  @Test
  void expandsTheCartesianProductWithTheFirstKeyOutermost() {
    List<PolicySpec> specs = PolicySpec.parse("opsrl(samples=1|10, mu0=0|1|2, tau=1)").expand();
    assertThat(specs)
        .extracting(PolicySpec::toString)
        .containsExactly(
            "opsrl(samples=1,mu0=0,tau=1)",
            "opsrl(samples=1,mu0=1,tau=1)",
            "opsrl(samples=1,mu0=2,tau=1)",
            "opsrl(samples=10,mu0=0,tau=1)",
            "opsrl(samples=10,mu0=1,tau=1)",
            "opsrl(samples=10,mu0=2,tau=1)");
    assertThat(specs)
        .allSatisfy(s -> assertThat(s.params().keySet()).containsExactly("samples", "mu0", "tau"));
  }

  @Test
  void expandsASpecWithoutAlternativesToItself() {
    PolicySpec spec = PolicySpec.parse("beb(scaling=0.01)");
    assertThat(spec.expand()).containsExactly(spec);
    assertThat(PolicySpec.parse("thompson").expand()).containsExactly(PolicySpec.parse("thompson"));
  }

  @ParameterizedTest
  @CsvSource({
    "0.1, 0.1",
    "0.2, 0.2",
    "0.98, 0.98",
    "1.0, 1",
    "0.0, 0",
    "-0.0, 0",
    "10, 10",
    "-0.5, -0.5",
    "1e-4, 0.0001",
    "2.5e-5, 0.000025",
    "0.30000000000000004, 0.30000000000000004",
    "123456789.125, 123456789.125",
    "1e20, 100000000000000000000"
  })
  void formatsNumbersAsShortestPlainDecimals(double x, String expected) {
    assertThat(PolicySpec.format(x)).isEqualTo(expected);
    assertThat(Double.parseDouble(PolicySpec.format(x))).as("round trip").isEqualTo(x == 0 ? 0 : x);
  }
}
