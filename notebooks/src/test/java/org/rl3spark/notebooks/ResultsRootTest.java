package org.rl3spark.notebooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The input root assembled from results/: what goes where, with manifests Datasets accepts. */
class ResultsRootTest {

  @TempDir Path dir;

  @Test
  void resultsBecomeCheckedDatasetsWithTheirSourceAndCommits() throws Exception {
    Path repo = dir.resolve("repo");
    Path eval = Files.createDirectories(repo.resolve("results/eval-agents-bandits-k5"));
    Files.writeString(
        eval.resolve("summary.csv"),
        "family,variant,split,budget,policy,n_tasks,mean_return,se_return,oracle_return,fraction_of_oracle\n"
            + "bandits,k5,test,100,\"rl3(run=r,it=200)\",1000,72.4,0.52,82.35,0.879\n");
    Files.writeString(eval.resolve("README.md"), "Evaluated with the jar of commit `6867bb6`.\n");
    Path agent = Files.createDirectories(repo.resolve("results/agents/r"));
    Files.writeString(
        agent.resolve("metrics.csv"),
        "run,algorithm,family,variant,horizon,seed,iteration,mean_return,policy_loss,value_loss,entropy,"
            + "approx_kl,clip_fraction,epochs,entropy_coef,env_steps,wall_seconds,eval_return,explained_variance\n"
            + "r,rl3,bandits,k5,100,1,1,50.1,-0.1,0.2,1.5,0.01,0.2,1,0.1,32700,12.4,,NaN\n"
            + "r,rl3,bandits,k5,100,1,2,51.2,-0.1,0.2,1.5,0.01,0.2,1,0.1,65400,12.1,73.3,0.5\n");
    Files.writeString(
        agent.resolve("AGENT.json"), "{ \"run\" : \"r\", \"git_commit\" : \"3542398bf291\" }\n");
    Path render = Files.createDirectories(repo.resolve("results/render-grid"));
    Files.writeString(render.resolve("frames.csv"), "step,file\n0,step-000.png\n20,step-020.png\n");
    Files.write(render.resolve("step-000.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    Files.writeString(render.resolve("_MANIFEST.json"), "{ \"job\" : \"render\" }\n");
    Files.writeString(render.resolve("README.md"), "Rendered at commit `0216e22`.\n");
    Path out = dir.resolve("root");

    List<ResultsRoot.Assembled> done = ResultsRoot.assemble(repo, out);

    assertThat(done)
        .extracting(ResultsRoot.Assembled::output)
        .containsExactly("eval/agents-bandits-k5", "render/grid", "train/r");
    assertThat(done)
        .extracting(ResultsRoot.Assembled::codeCommit)
        .containsExactly("6867bb6", "0216e22", "3542398bf291");
    assertThat(done.get(1).rows()).as("a render's rows are its snapshots").isEqualTo(2);
    assertThat(out.resolve("render/grid/step-000.png"))
        .hasBinaryContent(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    assertThat(Files.readString(out.resolve("render/grid/_MANIFEST.json")))
        .as("the render's own manifest, as written")
        .isEqualTo("{ \"job\" : \"render\" }\n");
    assertThat(done)
        .extracting(ResultsRoot.Assembled::resultsCommit)
        .as("no git repository here")
        .containsOnly("unknown");
    Table metrics =
        Nb.sql(
            "select iteration, eval_return from "
                + Datasets.read(out.resolve("train/r").toString(), Schema.TRAIN_METRICS)
                + " order by iteration");
    assertThat(metrics.doubles("eval_return")[0]).as("an empty eval_return is null").isNaN();
    assertThat(metrics.doubles("eval_return")[1]).isEqualTo(73.3);
    Table summary =
        Nb.sql(
            "select policy, budget from "
                + Datasets.read(
                    out.resolve("eval/agents-bandits-k5").toString(), Schema.EVAL_SUMMARY));
    assertThat(summary.strings("policy")).containsExactly("rl3(run=r,it=200)");
    assertThat(Files.readString(out.resolve("train/r/_MANIFEST.json")))
        .contains(
            "\"assembled_from\" : \"results/agents/r/metrics.csv\"",
            "\"git_commit\" : \"3542398bf291\"");
  }

  @Test
  void aNonEmptyRootIsNotOverwritten() throws Exception {
    Files.createDirectories(dir.resolve("repo/results"));
    Files.createDirectories(dir.resolve("root/old"));
    assertThatThrownBy(() -> ResultsRoot.assemble(dir.resolve("repo"), dir.resolve("root")))
        .hasMessageContaining("exists and is not empty");
  }
}
