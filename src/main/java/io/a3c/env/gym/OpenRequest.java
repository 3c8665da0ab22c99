package io.a3c.env.gym;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.a3c.env.EnvOptions;
import io.a3c.env.EnvSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The open request for one id and options, and the spec the server answers with. */
final class OpenRequest {
  private final String id;
  private final boolean recordFrames;
  private final byte[] bytes;

  OpenRequest(String id, EnvOptions options) {
    this.id = id;
    this.recordFrames = options.recordFrames();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", id);
    json.put("frame_size", options.frameSize());
    json.put("preprocessing", options.preprocessing().id());
    json.put("action_space", options.actionSpace());
    json.put("training", options.training());
    json.put("record_frames", options.recordFrames());
    byte[] text = new Gson().toJson(json).getBytes(StandardCharsets.UTF_8);
    bytes = new byte[text.length + 1];
    bytes[0] = GymProtocol.OPEN;
    System.arraycopy(text, 0, bytes, 1, text.length);
  }

  String id() {
    return id;
  }

  boolean recordFrames() {
    return recordFrames;
  }

  byte[] bytes() {
    return bytes;
  }

  /** Reads the server's spec frame into the trainer's {@link EnvSpec}. */
  EnvSpec parseSpec(ByteBuffer reply) throws ServerException {
    if (reply.get() != GymProtocol.SPEC) {
      throw new ServerException(ServerException.Kind.PROTOCOL,
          "expected a spec frame in reply to open '" + id + "'");
    }
    try {
      JsonObject json = parseJson(reply).getAsJsonObject();
      JsonArray shape = json.getAsJsonArray("observation_shape");
      int[] dims = new int[shape.size()];
      for (int i = 0; i < dims.length; i++) {
        dims[i] = shape.get(i).getAsInt();
      }
      List<String> meanings = new ArrayList<>();
      json.getAsJsonArray("meanings").forEach(m -> meanings.add(m.getAsString()));
      return new EnvSpec(id, dims, meanings);
    } catch (RuntimeException e) {
      throw new ServerException(ServerException.Kind.PROTOCOL, null,
          "unreadable spec for '" + id + "': " + e.getMessage(), e);
    }
  }

  static JsonElement parseJson(ByteBuffer reply) {
    return JsonParser.parseString(new String(reply.array(),
        reply.arrayOffset() + reply.position(), reply.remaining(), StandardCharsets.UTF_8));
  }
}
