package org.rl3spark.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cluster jar (jobs/target/rl3-spark-cluster.jar) leaves out what Spark provides. Runs in
 * {@code mvn verify} after the shade plugin built the jar (failsafe, integration-test phase); a
 * missing jar fails the test.
 */
class ClusterJarIT {

  /**
   * Packages Spark's runtime provides (the jobs module's provided dependencies), which the cluster
   * jar must not bundle: on a cluster Spark's copies come first on the classpath, so bundled ones
   * are dead weight at best and a version clash at worst.
   */
  static final Map<String, String> SPARK_PROVIDES =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry("scala/", "Scala"),
              Map.entry("org/apache/spark/", "Spark"),
              Map.entry("org/sparkproject/", "Spark"),
              Map.entry("org/apache/hadoop/", "Hadoop"),
              Map.entry("org/apache/parquet/", "Parquet"),
              Map.entry("shaded/parquet/", "Parquet"),
              Map.entry("org/apache/orc/", "ORC"),
              Map.entry("org/apache/avro/", "Avro"),
              Map.entry("org/apache/arrow/", "Arrow"),
              Map.entry("com/fasterxml/jackson/", "Jackson"),
              Map.entry("org/json4s/", "json4s"),
              Map.entry("org/slf4j/", "SLF4J"),
              Map.entry("org/apache/logging/log4j/", "Log4j"),
              Map.entry("org/apache/log4j/", "Log4j"),
              Map.entry("io/netty/", "Netty"),
              Map.entry("org/apache/commons/io/", "commons-io"),
              Map.entry("org/apache/commons/codec/", "commons-codec"),
              Map.entry("org/apache/commons/collections/", "commons-collections"),
              Map.entry("org/apache/commons/collections4/", "commons-collections4"),
              Map.entry("org/apache/commons/compress/", "commons-compress"),
              Map.entry("org/apache/commons/lang3/", "commons-lang3"),
              Map.entry("org/apache/commons/math3/", "commons-math3"),
              Map.entry("org/apache/commons/text/", "commons-text"),
              Map.entry("org/apache/commons/crypto/", "commons-crypto"),
              Map.entry("org/apache/commons/logging/", "commons-logging"),
              Map.entry("com/google/common/", "Guava"),
              Map.entry("com/google/thirdparty/", "Guava"),
              Map.entry("com/google/protobuf/", "protobuf"),
              Map.entry("com/google/flatbuffers/", "FlatBuffers"),
              Map.entry("com/google/gson/", "Gson (ours is relocated)"),
              Map.entry("org/joda/time/", "Joda-Time"),
              Map.entry("com/clearspring/analytics/", "stream-lib"),
              Map.entry("com/esotericsoftware/", "Kryo"),
              Map.entry("com/twitter/chill/", "Chill"),
              Map.entry("org/objenesis/", "Objenesis"),
              Map.entry("org/xerial/snappy/", "Snappy"),
              Map.entry("net/jpountz/", "LZ4"),
              Map.entry("com/github/luben/zstd/", "Zstd"),
              Map.entry("org/roaringbitmap/", "RoaringBitmap"),
              Map.entry("org/codehaus/janino/", "Janino"),
              Map.entry("org/antlr/", "ANTLR"),
              Map.entry("com/codahale/metrics/", "Dropwizard metrics"),
              Map.entry("org/glassfish/jersey/", "Jersey"),
              Map.entry("javax/servlet/", "Servlet API"),
              Map.entry("javax/ws/rs/", "JAX-RS"),
              Map.entry("javax/activation/", "JavaBeans Activation"),
              Map.entry("javax/annotation/", "JSR-305 / annotations"),
              Map.entry("org/apache/zookeeper/", "ZooKeeper"),
              Map.entry("org/apache/curator/", "Curator"),
              Map.entry("org/apache/xbean/", "XBean"),
              Map.entry("org/rocksdb/", "RocksDB"),
              Map.entry("py4j/", "Py4J")));

  /**
   * Classes in a Spark package that are not Spark's: dl4j-spark's helper, which lives in
   * org.apache.spark to reach a package-private API.
   */
  static final Set<String> ALLOWED =
      Set.of(
          "org/apache/spark/TaskContextHelper.class", "org/apache/spark/TaskContextHelper$.class");

  static List<String> entries;

  @BeforeAll
  static void readJar() throws IOException {
    Path jar = Path.of(System.getProperty("rl3.cluster.jar", "target/rl3-spark-cluster.jar"));
    assertThat(jar)
        .as("the cluster jar (mvn package builds it before this test runs)")
        .isRegularFile();
    entries = names(jar);
  }

  static List<String> names(Path jar) throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipFile z = new ZipFile(jar.toFile())) {
      for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        if (!entry.isDirectory()) {
          names.add(entry.getName());
        }
      }
    }
    return names;
  }

  @Test
  void bundlesNothingFromThePackagesSparkProvides() {
    Map<String, Set<String>> found = new TreeMap<>();
    for (String name : entries) {
      if (ALLOWED.contains(name)) {
        continue;
      }
      SPARK_PROVIDES.forEach(
          (prefix, what) -> {
            if (name.startsWith(prefix)) {
              found.computeIfAbsent(what + " (" + prefix + ")", k -> new TreeSet<>()).add(name);
            }
          });
    }
    assertThat(found)
        .as(
            "entries of packages Spark provides (make the dependency provided, or exclude it in"
                + " the shade plugin's configuration)")
        .isEmpty();
  }

  @Test
  void bundlesNoClassThatSparksRuntimeAlsoHas() throws IOException {
    Path file =
        Path.of(System.getProperty("rl3.provided.classpath", "target/provided-classpath.txt"));
    assertThat(file).as("the provided classpath (mvn package writes it)").isRegularFile();
    String cp = Files.readString(file, StandardCharsets.UTF_8).trim();
    Set<String> classes = new TreeSet<>();
    for (String name : entries) {
      if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
        classes.add(name);
      }
    }
    Map<String, List<String>> duplicates = new TreeMap<>();
    int jars = 0;
    for (String p : cp.split(java.io.File.pathSeparator)) {
      if (!p.endsWith(".jar")) {
        continue;
      }
      jars++;
      for (String name : names(Path.of(p))) {
        if (classes.contains(name) && !ALLOWED.contains(name)) {
          duplicates
              .computeIfAbsent(Path.of(p).getFileName().toString(), k -> new ArrayList<>())
              .add(name);
        }
      }
    }
    assertThat(jars).as("jars on the provided classpath").isGreaterThan(100);
    duplicates.replaceAll(
        (k, v) -> v.size() > 5 ? List.of(v.size() + " classes, e.g. " + v.get(0)) : v);
    assertThat(duplicates).as("classes of the cluster jar that a provided jar also has").isEmpty();
  }

  @Test
  void carriesOurCodeDl4jAndTheRelocatedGson() {
    assertThat(entries)
        .contains(
            "org/rl3spark/jobs/Rl3.class",
            "org/rl3spark/learner/dl4j/ActorCritic.class",
            "org/deeplearning4j/spark/impl/paramavg/ParameterAveragingTrainingMaster.class",
            "org/apache/spark/TaskContextHelper.class",
            "org/nd4j/linalg/cpu/nativecpu/CpuBackend.class",
            "org/rl3spark/shaded/com/google/gson/Gson.class");
  }
}
