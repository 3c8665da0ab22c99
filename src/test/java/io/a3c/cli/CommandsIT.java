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
  void unknownGymnasiumIdNamesCloseMatches() {
    MainTest.Run r = run("train", "--env", "PongDeterministc-v4");
    MainTest.assertBadInput(r, "PongDeterministic-v4");
  }
}
