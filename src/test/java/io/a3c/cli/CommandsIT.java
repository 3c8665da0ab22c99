package io.a3c.cli;

import static io.a3c.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Commands that talk to the project's Python environment. */
class CommandsIT {

  @Test
  void envsListsBuiltInAleAliasAndClassicIds() {
    MainTest.Run r = run("envs");
    assertEquals(0, r.code(), r.err());
    List<String> ids = r.out().lines().toList();
    for (String id : List.of("catch", "PongDeterministic-v4", "BreakoutDeterministic-v4",
        "ALE/Pong-v5", "Pong-v0", "PongNoFrameskip-v4", "CartPole-v1")) {
      assertTrue(ids.contains(id), id + " listed");
    }
    assertTrue(ids.size() > 300, "every ALE game: " + ids.size());
  }

  @Test
  void benchJsonOnPongHasTheFiguresSideBySide() {
    MainTest.Run r = run("bench", "--env", "PongDeterministic-v4", "--workers", "1",
        "--seconds", "1", "--json");
    assertEquals(0, r.code(), r.err());
    JsonObject o = new Gson().fromJson(r.out().lines().reduce((a, b) -> b).orElseThrow(),
        JsonObject.class);
    for (String key : List.of("network_steps_per_second", "env_steps_per_second",
        "emulator_steps_per_second", "trainer_steps_per_second")) {
      assertTrue(o.get(key).getAsDouble() > 0, key + " in " + o);
    }
  }

  @Test
  void benchTableMeasuresEachSettingWithItsCpuSplit() {
    MainTest.Run r = run("bench", "--env", "catch", "--workers", "1", "--seconds", "1",
        "--table", "--table-envs", "1,2", "--json");
    assertEquals(0, r.code(), r.err());
    JsonObject o = new Gson().fromJson(r.out().lines().reduce((a, b) -> b).orElseThrow(),
        JsonObject.class);
    var rows = o.getAsJsonArray("rows");
    assertEquals(3, rows.size(), "K=1 with one group, K=2 with one and two: " + o);
    for (var e : rows) {
      JsonObject row = e.getAsJsonObject();
      assertTrue(row.get("steps_per_second").getAsDouble() > 0, row.toString());
      assertTrue(row.get("jvm_cpu_ms_per_step").getAsDouble() > 0, row.toString());
      assertTrue(row.get("startup_seconds").getAsDouble() > 0, row.toString());
    }
    assertEquals(2, rows.get(2).getAsJsonObject().get("groups").getAsInt());
    assertTrue(o.get("trainer_steps_per_second").getAsDouble() > 0);
  }

  @Test
  void unknownGymnasiumIdNamesCloseMatches() {
    MainTest.Run r = run("train", "--env", "PongDeterministc-v4");
    MainTest.assertBadInput(r, "PongDeterministic-v4");
  }
}
