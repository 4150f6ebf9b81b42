package org.rl3spark.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.rl3spark.jobs.Rl3;
import org.rl3spark.jobs.SparkTestSessions;
import org.rl3spark.jobs.spark.ExecutorMonitor;
import org.rl3spark.jobs.train.TrainJob;
import org.rl3spark.learner.dl4j.Nd4jThreads;

/**
 * The jobs on a Spark standalone cluster of two workers with one core each, started with {@code
 * bin/spark-cluster} and submitted to with {@code bin/rl3 --master spark://...} (the cluster jar,
 * spark-submit in client mode): their outputs equal those of the same configs on {@code local[2]}
 * (run in this JVM), an executor killed in the middle of an evaluation changes nothing, and a job
 * whose workers all die fails in bounded time without touching what was published before.
 *
 * <p>Runs in {@code mvn -Pcluster-it verify} (failsafe, after the cluster jar is built); {@code
 * .ci/run} runs it after the unit tests. The cluster is always stopped (in {@code @AfterAll} and by
 * a shutdown hook).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {

  /** How long one job may take on the cluster (a loaded 2-core machine is slow). */
  static final Duration JOB_TIMEOUT = Duration.ofMinutes(6);

  /**
   * Cluster-only Spark settings (the local runs need none): no UI; an executor that stops answering
   * (rather than dying, which the driver sees at once) is declared lost after 30 s, not 120 s.
   */
  static final String SUBMIT_OPTS =
      String.join(
          " ",
          "--executor-memory 1g",
          "--conf spark.ui.enabled=false",
          "--conf spark.network.timeout=30s",
          "--conf spark.network.timeoutInterval=5s",
          "--conf spark.executor.heartbeatInterval=3s");

  static final String TASKS =
      """
      master-seed = 7
      spark.partitions = 6
      tasks { family = mdps, split = test, count = 300 }
      """;

  static final String QUNIQUE =
      """
      master-seed = 3
      analysis.qunique {
        settings = [ { alpha = 1.0, beta = 1.0 }, { alpha = 0.1, beta = 0.5 } ]
        n-mdps = 3000
        deltas = [0.1, 0.5, 1.0]
        methods = [all-pairs, grid]
        block-size = 500
      }
      """;

  /** A tiny RL3 bandit run (as TrainJobTest's). */
  static final String TRAIN =
      """
      master-seed = 5
      family.bandits.arms = 3
      train {
        name = "cluster-it"
        family = bandits
        algorithm = rl3
        horizon = 10
        iterations = 3
        entropy.schedule-iterations = 3
        envs = 8
        sequences-per-minibatch = 4
        epochs = 2
        checkpoint-every = 1
        keep-trajectories = 1
      }
      """;

  Path root;
  Path it;
  Path clusterDir;
  String master;
  SparkSession spark;
  Thread stopHook;

  /** 200 bandit and 200 MDP tasks, baselines and a shipped RL2 agent. */
  String evalConf() {
    return """
        master-seed = 11
        family.bandits.arms = 5
        spark.partitions = 12
        evaluate {
          name = "cluster-it"
          count = 200
          sets = [
            { family = bandits, split = test }
            { family = mdps, split = test }
          ]
          budgets = [100]
          policies = ["random", "greedy", "ucb1_rl2(c=0.2)", "thompson", "psrl(mu0=0)",
            "checkpoint:%s"]
          progress-seconds = 0
        }
        """
        .formatted(root.resolve("results/agents/bandits-h100-rl2"));
  }

  @BeforeAll
  void startCluster() throws Exception {
    root = Path.of(System.getProperty("rl3.repo.root", "..")).toRealPath();
    it = Path.of(System.getProperty("rl3.it.dir", "target/cluster-it")).toAbsolutePath();
    clusterDir = it.resolve("spark-cluster");
    if (Files.isDirectory(clusterDir)) {
      stopCluster(); // left over by a test JVM that was killed
    }
    deleteTree(it);
    Files.createDirectories(it);
    int port = freePort();
    int webui = freePort();
    master = "spark://127.0.0.1:" + port;
    stopHook = new Thread(this::stopCluster, "stop-cluster");
    Runtime.getRuntime().addShutdownHook(stopHook);
    Proc start =
        run(
            List.of(
                root.resolve("bin/spark-cluster").toString(),
                "start",
                "--workers",
                "2",
                "--cores",
                "1",
                "--memory",
                "2g",
                "--port",
                String.valueOf(port),
                "--webui-port",
                String.valueOf(webui)),
            Map.of(),
            "cluster-start",
            Duration.ofMinutes(5));
    assertThat(start.code).as("bin/spark-cluster start:%n%s", start.output()).isZero();
    Proc status =
        run(
            List.of(root.resolve("bin/spark-cluster").toString(), "status"),
            Map.of(),
            "cluster-status",
            Duration.ofMinutes(1));
    assertThat(status.code).as(status.output()).isZero();
    assertThat(status.stdout).contains("2 alive worker(s), 2 core(s)");
    Nd4jThreads.set(1);
    spark = SparkTestSessions.start("local[2]");
  }

  @AfterAll
  void stopAll() {
    SparkTestSessions.stop(spark);
    stopCluster();
    Runtime.getRuntime().removeShutdownHook(stopHook);
  }

  void stopCluster() {
    try {
      Proc stop =
          run(
              List.of(root.resolve("bin/spark-cluster").toString(), "stop"),
              Map.of(),
              "cluster-stop",
              Duration.ofMinutes(2));
      System.out.println(stop.output());
    } catch (Exception e) {
      System.err.println("stopping the cluster: " + e);
    }
  }

  // --- the tests, in order ---------------------------------------------------------------------

  @Test
  @Order(1)
  void theRuntimeHasEveryJarTheClusterJarLeavesOut() throws IOException {
    Path provided =
        Path.of(System.getProperty("rl3.provided.classpath", "target/provided-classpath.txt"));
    List<String> left =
        Arrays.stream(Files.readString(provided).trim().split(":"))
            .map(p -> Path.of(p).getFileName().toString())
            .sorted()
            .toList();
    List<String> runtime;
    try (Stream<Path> s = Files.list(root.resolve("spark-runtime/target/spark-home/jars"))) {
      runtime = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(runtime)
        .as("spark-runtime jars vs the jobs module's provided dependencies")
        .containsAll(left);
  }

  @Test
  @Order(2)
  void tasksEqualLocal() throws Exception {
    Path conf = write("tasks.conf", TASKS);
    Path local = runLocal("tasks", conf, "local/tasks");
    Path cluster = submitOk("tasks", conf, "cluster/tasks");
    String d = "tasks/mdps/s10a5/test";
    assertSameRows(local.resolve(d + "/parquet"), cluster.resolve(d + "/parquet"), List.of());
    assertThat(rows(cluster.resolve(d + "/parquet"), List.of())).hasSize(300);
    assertSameLines(local.resolve(d + "/summary.csv"), cluster.resolve(d + "/summary.csv"));
  }

  @Test
  @Order(3)
  void evaluateEqualsLocal() throws Exception {
    Path conf = write("eval.conf", evalConf());
    Path local = runLocal("evaluate", conf, "local/eval");
    Path cluster = submitOk("evaluate", conf, "cluster/eval");
    String d = "eval/cluster-it";
    assertThat(rows(cluster.resolve(d + "/parquet"), List.of())).hasSize(1600);
    assertSameRows(local.resolve(d + "/parquet"), cluster.resolve(d + "/parquet"), List.of());
    assertSameLines(local.resolve(d + "/summary.csv"), cluster.resolve(d + "/summary.csv"));
    assertSameLines(local.resolve(d + "/summary.md"), cluster.resolve(d + "/summary.md"));
    assertThat(Files.readString(cluster.resolve(d + "/summary.csv")))
        .contains("rl2(run=bandits-h100-rl2,it=200)");
  }

  @Test
  @Order(4)
  void anExecutorKilledDuringAnEvaluationChangesNothing() throws Exception {
    Path conf = write("eval.conf", evalConf());
    Path out = it.resolve("cluster/eval-kill");
    Instant submitted = Instant.now();
    Process p = submit("evaluate", conf, out, "eval-kill", Map.of());
    // Wait for the evaluation's write stage (stage 0) to be under way, then kill -9 an executor
    // that is running one of its tasks.
    long killed = -1;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (killed < 0 && p.isAlive() && System.nanoTime() < deadline) {
      Map<Long, String> logs = executorLogs(submitted);
      long finished =
          logs.values().stream()
              .mapToLong(l -> count(l, "Finished task \\d+\\.\\d+ in stage 0\\.0"))
              .sum();
      if (finished >= 2) {
        for (var e : logs.entrySet()) {
          String l = e.getValue();
          if (count(l, "Running task \\d+\\.\\d+ in stage 0\\.0")
              > count(l, "Finished task \\d+\\.\\d+ in stage 0\\.0")) {
            killed = e.getKey();
            ProcessHandle.of(killed).ifPresent(ProcessHandle::destroyForcibly);
            break;
          }
        }
      }
      Thread.sleep(100);
    }
    assertThat(killed).as("an executor running a task of the evaluation was killed").isPositive();
    Proc done = await(p, "eval-kill");
    assertThat(done.code).as(done.output()).isZero();
    assertThat(done.stderr).contains(ExecutorMonitor.LOST);
    String d = "eval/cluster-it";
    Path reference = it.resolve("cluster/eval");
    assertSameRows(reference.resolve(d + "/parquet"), out.resolve(d + "/parquet"), List.of());
    assertSameLines(reference.resolve(d + "/summary.csv"), out.resolve(d + "/summary.csv"));
  }

  @Test
  @Order(5)
  void quniqueEqualsLocal() throws Exception {
    Path conf = write("qunique.conf", QUNIQUE);
    Path local = runLocal("qunique", conf, "local/qunique");
    Path cluster = submitOk("qunique", conf, "cluster/qunique");
    String d = "analysis/qunique";
    assertSameRows(
        local.resolve(d + "/parquet"), cluster.resolve(d + "/parquet"), List.of("seconds"));
    assertThat(withoutColumns(cluster.resolve(d + "/summary.csv"), List.of("seconds")))
        .isEqualTo(withoutColumns(local.resolve(d + "/summary.csv"), List.of("seconds")));
  }

  @Test
  @Order(6)
  void trainWithTheLocalFitEqualsLocal() throws Exception {
    Path conf = write("train.conf", TRAIN);
    Path local = runLocal("train", conf, "local/train").resolve("train/cluster-it");
    Path cluster = submitOk("train", conf, "cluster/train").resolve("train/cluster-it");
    List<String> metrics = withoutColumns(cluster.resolve("metrics.csv"), secondsColumns());
    assertThat(metrics).hasSize(4);
    assertThat(metrics).isEqualTo(withoutColumns(local.resolve("metrics.csv"), secondsColumns()));
    for (String net : List.of("actor", "critic")) {
      Path ckpt = Path.of("checkpoints/ckpt-00000003/" + net + ".params");
      assertThat(Files.readAllBytes(cluster.resolve(ckpt)))
          .as(net + " parameters after 3 iterations")
          .isEqualTo(Files.readAllBytes(local.resolve(ckpt)));
    }
  }

  @Test
  @Order(7)
  void trainWithParameterAveragingCheckpointsAndResumes() throws Exception {
    Path conf = write("train.conf", TRAIN);
    String[] pa = {"--set", "train.fit=parameter-averaging", "--set", "train.workers=2"};
    Path out = it.resolve("cluster/train-pa");
    Proc first =
        await(
            submit(
                "train",
                conf,
                out,
                "train-pa-1",
                Map.of(),
                concat(pa, "--set", "train.iterations=2")),
            "train-pa-1");
    assertThat(first.code).as(first.output()).isZero();
    Path run = out.resolve("train/cluster-it");
    assertThat(run.resolve("checkpoints/ckpt-00000001")).isDirectory();
    assertThat(run.resolve("checkpoints/ckpt-00000002")).isDirectory();
    assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(3);

    Proc resumed =
        await(
            submit("train", conf, out, "train-pa-2", Map.of(), concat(pa, "--resume")),
            "train-pa-2");
    assertThat(resumed.code).as(resumed.output()).isZero();
    assertThat(resumed.stdout).contains("from ckpt-00000002");
    assertThat(run.resolve("checkpoints/ckpt-00000003")).isDirectory();
    assertThat(TrainJob.metrics(run)).extracting(m -> m.iteration()).containsExactly(1, 2, 3);
  }

  /** Last: it kills every worker. */
  @Test
  @Order(8)
  void aJobWhoseWorkersAllDieFailsInBoundedTimeAndKeepsWhatWasPublished() throws Exception {
    Path conf = write("eval.conf", evalConf());
    Path out = it.resolve("cluster/eval");
    Map<String, String> before = digests(out);
    assertThat(before).as("the evaluation published by an earlier test").isNotEmpty();
    Instant submitted = Instant.now();
    Process p =
        submit(
            "evaluate",
            conf,
            out,
            "eval-no-workers",
            Map.of(),
            "--set",
            "spark.no-executor-timeout=15");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (p.isAlive()
        && System.nanoTime() < deadline
        && executorLogs(submitted).values().stream().noneMatch(l -> l.contains("Running task"))) {
      Thread.sleep(100);
    }
    assertThat(p.isAlive()).as("the job is running").isTrue();
    List<Long> workers = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      Path pidFile = clusterDir.resolve("worker-" + i + ".pid");
      long pid = Long.parseLong(Files.readString(pidFile).trim());
      assertThat(cmdline(pid))
          .contains("org.apache.spark.deploy.worker.Worker")
          .contains("-Drl3.cluster.dir=" + clusterDir);
      workers.add(pid);
    }
    for (long pid : workers) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
    for (long pid : executorPids()) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
    long killedAt = System.nanoTime();
    Proc failed = await(p, "eval-no-workers");
    double seconds = (System.nanoTime() - killedAt) / 1e9;
    assertThat(failed.code).as(failed.output()).isEqualTo(Rl3.FAILED);
    assertThat(failed.stderr)
        .contains(ExecutorMonitor.LOST)
        .contains("failed, nothing published")
        .contains(ExecutorMonitor.NO_EXECUTOR + " 15 s");
    assertThat(seconds).as("seconds from the kill to the end of the job").isLessThan(120);
    assertThat(digests(out)).as("the published evaluation, file by file").isEqualTo(before);
    try (Stream<Path> s = Files.walk(out)) {
      assertThat(s.map(Path::toString).filter(f -> f.contains(".staging-")).toList())
          .as("staging directories left")
          .isEmpty();
    }
  }

  // --- running jobs ----------------------------------------------------------------------------

  /** The job on local[2] in this JVM; returns the output root. */
  Path runLocal(String job, Path conf, String out) {
    Path dir = it.resolve(out);
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code =
        Rl3.run(
            new String[] {job, "--conf", conf.toString(), "--out", dir.toString()},
            new PrintStream(o, true, StandardCharsets.UTF_8),
            new PrintStream(e, true, StandardCharsets.UTF_8),
            SparkTestSessions.shared(spark));
    assertThat(code).as("local %s:%n%s%n%s", job, o, e).isZero();
    return dir;
  }

  /** Submits the job to the cluster and waits for its success; returns the output root. */
  Path submitOk(String job, Path conf, String out, String... extra) throws Exception {
    Path dir = it.resolve(out);
    String name = out.replace('/', '-');
    Proc p = await(submit(job, conf, dir, name, Map.of(), extra), name);
    assertThat(p.code).as("cluster %s:%n%s", job, p.output()).isZero();
    return dir;
  }

  /** Starts {@code bin/rl3 --master <cluster> <job> --conf <conf> --out <out> extra...}. */
  Process submit(
      String job, Path conf, Path out, String name, Map<String, String> env, String... extra)
      throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                root.resolve("bin/rl3").toString(),
                "--master",
                master,
                job,
                "--conf",
                conf.toString(),
                "--out",
                out.toString()));
    cmd.addAll(List.of(extra));
    Map<String, String> e = new TreeMap<>(env);
    e.put("RL3_JAR", jar().toString());
    e.put("RL3_JAVA_OPTS", "-Xmx1g");
    e.put("RL3_SUBMIT_OPTS", SUBMIT_OPTS);
    return start(cmd, e, name);
  }

  Path jar() {
    return Path.of(System.getProperty("rl3.cluster.jar", "target/rl3-spark-cluster.jar"))
        .toAbsolutePath();
  }

  record Proc(int code, String stdout, String stderr) {
    String output() {
      return "--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
  }

  Process start(List<String> cmd, Map<String, String> env, String name) throws IOException {
    ProcessBuilder b = new ProcessBuilder(cmd).directory(root.toFile());
    b.environment().put("RL3_CLUSTER_DIR", clusterDir.toString());
    b.environment().putAll(env);
    Path logs = it.resolve("logs");
    Files.createDirectories(logs);
    b.redirectOutput(logs.resolve(name + ".out").toFile());
    b.redirectError(logs.resolve(name + ".err").toFile());
    b.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    System.out.println("starting " + String.join(" ", cmd));
    return b.start();
  }

  Proc await(Process p, String name) throws Exception {
    return await(p, name, JOB_TIMEOUT);
  }

  Proc await(Process p, String name, Duration timeout) throws Exception {
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor();
    }
    Path logs = it.resolve("logs");
    return new Proc(
        p.exitValue(),
        Files.readString(logs.resolve(name + ".out")),
        Files.readString(logs.resolve(name + ".err")));
  }

  Proc run(List<String> cmd, Map<String, String> env, String name, Duration timeout)
      throws Exception {
    return await(start(cmd, env, name), name, timeout);
  }

  // --- the cluster's processes ------------------------------------------------------------------

  /**
   * The stderr of every executor of this cluster that is alive and started after {@code since}
   * (those of the previous application may still be shutting down), by pid.
   */
  Map<Long, String> executorLogs(Instant since) {
    Map<Long, String> logs = new TreeMap<>();
    for (long pid : executorPids()) {
      boolean recent =
          ProcessHandle.of(pid)
              .flatMap(h -> h.info().startInstant())
              .map(t -> t.isAfter(since))
              .orElse(false);
      if (!recent) {
        continue;
      }
      try {
        Path cwd = Files.readSymbolicLink(Path.of("/proc/" + pid + "/cwd"));
        logs.put(pid, Files.readString(cwd.resolve("stderr")));
      } catch (IOException | UncheckedIOException e) {
        // it ended meanwhile
      }
    }
    return logs;
  }

  /** Executor JVMs started by this cluster's workers (their working directory is under work/). */
  List<Long> executorPids() {
    return ProcessHandle.allProcesses()
        .filter(h -> cmdline(h.pid()).contains("CoarseGrainedExecutorBackend"))
        .filter(
            h -> {
              try {
                return Files.readSymbolicLink(Path.of("/proc/" + h.pid() + "/cwd"))
                    .startsWith(clusterDir.resolve("work"));
              } catch (IOException e) {
                return false;
              }
            })
        .map(ProcessHandle::pid)
        .toList();
  }

  static String cmdline(long pid) {
    try {
      return new String(
              Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8)
          .replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }

  static long count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    long n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  // --- comparing outputs -----------------------------------------------------------------------

  List<String> rows(Path parquet, List<String> ignore) {
    Dataset<Row> df = spark.read().parquet(parquet.toString());
    for (String c : ignore) {
      df = df.drop(c);
    }
    return df.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  void assertSameRows(Path expected, Path actual, List<String> ignore) {
    List<String> e = rows(expected, ignore);
    assertThat(e).isNotEmpty();
    assertThat(rows(actual, ignore)).as("rows of %s vs %s", actual, expected).isEqualTo(e);
  }

  static void assertSameLines(Path expected, Path actual) throws IOException {
    assertThat(Files.readAllLines(actual))
        .as("%s vs %s", actual, expected)
        .isEqualTo(Files.readAllLines(expected));
  }

  /** The CSV's lines without the given columns. */
  static List<String> withoutColumns(Path csv, List<String> columns) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    List<String> header = List.of(lines.get(0).split(",", -1));
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      if (!columns.contains(header.get(i))) {
        keep.add(i);
      }
    }
    return lines.stream()
        .map(
            l -> {
              String[] f = l.split(",", -1);
              return keep.stream()
                  .map(i -> i < f.length ? f[i] : "")
                  .collect(Collectors.joining(","));
            })
        .toList();
  }

  static List<String> secondsColumns() {
    return org.rl3spark.jobs.train.TrainMetrics.COLUMNS.stream()
        .filter(c -> c.endsWith("_seconds"))
        .toList();
  }

  /** SHA-256 of every file below {@code dir}, by relative path. */
  static Map<String, String> digests(Path dir) throws Exception {
    Map<String, String> d = new TreeMap<>();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        d.put(
            dir.relativize(f).toString(),
            HexFormat.of().formatHex(sha.digest(Files.readAllBytes(f))));
      }
    }
    return d;
  }

  // --- files -----------------------------------------------------------------------------------

  Path write(String name, String text) throws IOException {
    Path f = it.resolve("conf").resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
    return f;
  }

  static String[] concat(String[] a, String... b) {
    String[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
