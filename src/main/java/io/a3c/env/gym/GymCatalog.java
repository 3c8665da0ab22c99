package io.a3c.env.gym;

import com.google.gson.JsonElement;
import io.a3c.config.InvalidInputException;
import io.a3c.env.EnvOptions;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** The Gymnasium ids that work here, for {@code a3c envs} and for close-match suggestions. */
public final class GymCatalog {
  private GymCatalog() {}

  /**
   * Every working id, sorted: all ALE ids Gymnasium registers, the {@code *Deterministic-v4}
   * aliases, and the other registered environments that can be made here with a discrete action
   * space (CartPole-v1, ...; not those whose optional dependencies, MuJoCo or Box2D, are missing).
   *
   * @throws InvalidInputException when Python, Gymnasium or ale-py is missing (naming the setup
   *     step)
   */
  public static List<String> ids(EnvOptions options) {
    ServerLauncher launcher = ServerLauncher.forOptions(options);
    ServerLauncher.Greeted greeted = launcher.startForUser("envs.log", "environment list");
    try (ServerProcess server = greeted.server()) {
      return list(server, launcher);
    } catch (ServerException e) {
      throw new IllegalStateException("cannot list the environments: "
          + ServerLauncher.firstLine(e.getMessage()), e);
    }
  }

  static List<String> list(ServerProcess server, ServerLauncher launcher)
      throws ServerException {
    ByteBuffer reply = server.call(new byte[] {GymProtocol.LIST},
        launcher.timeouts().startup(), "list");
    if (reply.get() != GymProtocol.JSON) {
      throw new ServerException(ServerException.Kind.PROTOCOL, "expected a JSON id list");
    }
    List<String> ids = new ArrayList<>();
    for (JsonElement e : OpenRequest.parseJson(reply).getAsJsonArray()) {
      ids.add(e.getAsString());
    }
    return ids;
  }
}
