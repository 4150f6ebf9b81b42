package org.rl3spark.jobs;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.util.List;
import java.util.stream.Stream;

/**
 * The architecture, checked on the compiled main classes of core, envs, learner and jobs (all on
 * this module's test classpath; bench and notebooks are not, and nothing depends on them). The
 * README's "Layout" section draws the same picture.
 *
 * <ul>
 *   <li>Modules: core uses none of our other modules, envs and learner use only core, jobs uses all
 *       three.
 *   <li>Spark only in jobs.
 *   <li>DL4J and ND4J only in the learner's {@code dl4j} and {@code infer} packages, with the two
 *       exceptions of {@link #DL4J_OUTSIDE_LEARNER}.
 *   <li>No cycles between packages, except those frozen in {@link #FROZEN_CYCLES}.
 * </ul>
 *
 * <p>Each exception names its classes and says why it exists; {@link #everyExceptionIsStillUsed}
 * fails once the code no longer needs one, so that it is removed rather than left to hide a new
 * dependency.
 */
@AnalyzeClasses(packages = "org.rl3spark", importOptions = ArchitectureTest.MainClassesOnly.class)
class ArchitectureTest {

  /** Main classes only: no test classes, test jars (core's fixtures) or this test itself. */
  static final class MainClassesOnly implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("/test-classes/") && !location.contains("-tests.jar");
    }
  }

  /** A dependency the rules allow, from classes matching {@code origin} to {@code target}. */
  record Allowed(
      String why, DescribedPredicate<JavaClass> origin, DescribedPredicate<JavaClass> target) {}

  private static final String[] DL4J = {"org.deeplearning4j..", "org.nd4j.."};

  /**
   * DL4J in jobs: code that fits DL4J networks on Spark, which cannot live in the learner, and the
   * classifier it trains.
   */
  static final List<Allowed> DL4J_OUTSIDE_LEARNER =
      List.of(
          new Allowed(
              "train's fit = parameter-averaging: executor tasks fit the learner's networks"
                  + " on minibatches shipped as ND4J MultiDataSets",
              classAndNested("org.rl3spark.jobs.train.ParameterAveragingFitter"),
              resideInAnyPackage(DL4J)),
          new Allowed(
              "qclassify's task-ID classifier (App. D.3): a DL4J MLP, in one JVM or with"
                  + " dl4j-spark; no ND4J type leaves the package",
              resideInAPackage("org.rl3spark.jobs.analysis.classify.."),
              resideInAnyPackage(DL4J)));

  /** Package cycles that exist by design; each entry is the edge left out of the cycle check. */
  static final List<Allowed> FROZEN_CYCLES =
      List.of(
          new Allowed(
              "core.policy.Policies, the allow-list of policy names, builds the baselines of"
                  + " policy.bandit and policy.tabular, which implement policy's Policy and Agent",
              classAndNested("org.rl3spark.core.policy.Policies"),
              resideInAnyPackage(
                  "org.rl3spark.core.policy.bandit..", "org.rl3spark.core.policy.tabular..")),
          new Allowed(
              "the job contract (Job, JobContext) and BuildInfo sit in the jobs root package"
                  + " beside the entry point (Rl3, JobRegistry) that knows every job",
              resideInAPackage("org.rl3spark.jobs.."),
              classAndNested(
                  "org.rl3spark.jobs.Job",
                  "org.rl3spark.jobs.JobContext",
                  "org.rl3spark.jobs.BuildInfo")),
          new Allowed(
              "train's --resume-from seeds its run directory from a shipped copy"
                  + " (TrainJob -> ShippedRun), and ship finds the run directory by TrainJob.runDir",
              classAndNested("org.rl3spark.jobs.train.TrainJob"),
              classAndNested("org.rl3spark.jobs.ship.ShippedRun")));

  @ArchTest
  static final ArchRule modules =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("core")
          .definedBy("org.rl3spark.core..")
          .layer("envs")
          .definedBy("org.rl3spark.envs..")
          .layer("learner")
          .definedBy("org.rl3spark.learner..")
          .layer("jobs")
          .definedBy("org.rl3spark.jobs..")
          .whereLayer("jobs")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("envs")
          .mayOnlyBeAccessedByLayers("jobs")
          .whereLayer("learner")
          .mayOnlyBeAccessedByLayers("jobs")
          .whereLayer("core")
          .mayOnlyBeAccessedByLayers("envs", "learner", "jobs");

  @ArchTest
  static final ArchRule sparkOnlyInJobs =
      noClasses()
          .that()
          .resideOutsideOfPackage("org.rl3spark.jobs..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.apache.spark..");

  @ArchTest
  static final ArchRule dl4jOnlyInTheLearner =
      noClasses()
          .that(
              not(resideInAnyPackage("org.rl3spark.learner.dl4j..", "org.rl3spark.learner.infer.."))
                  .and(not(anyOrigin(DL4J_OUTSIDE_LEARNER))))
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(DL4J);

  @ArchTest
  static final ArchRule noPackageCycles =
      withoutFrozenCycles(slices().matching("org.rl3spark.(**)").should().beFreeOfCycles());

  @ArchTest
  static void everyExceptionIsStillUsed(JavaClasses classes) {
    for (Allowed e : concat(DL4J_OUTSIDE_LEARNER, FROZEN_CYCLES)) {
      boolean used =
          classes.stream()
              .filter(e.origin()::test)
              .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
              .anyMatch(d -> e.target().test(d.getTargetClass()));
      assertThat(used).as("used by the code, else delete the exception: %s", e.why()).isTrue();
    }
  }

  private static SliceRule withoutFrozenCycles(SliceRule rule) {
    for (Allowed e : FROZEN_CYCLES) {
      rule = rule.ignoreDependency(e.origin(), e.target());
    }
    return rule;
  }

  private static DescribedPredicate<JavaClass> anyOrigin(List<Allowed> exceptions) {
    return DescribedPredicate.describe(
        "an origin of a listed exception",
        c -> exceptions.stream().anyMatch(e -> e.origin().test(c)));
  }

  private static DescribedPredicate<JavaClass> classAndNested(String... names) {
    List<String> list = List.of(names);
    return DescribedPredicate.describe(
        list + " and their nested classes",
        c -> list.stream().anyMatch(n -> c.getName().equals(n) || c.getName().startsWith(n + "$")));
  }

  private static List<Allowed> concat(List<Allowed> a, List<Allowed> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}
