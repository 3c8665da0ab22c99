package io.a3c.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.a3c.config.HyperParameters;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperParameterTableTest {
  @Test
  void oneRowPerParameterNamedLikeTheOption() {
    String table = HyperParameterTable.markdown(HyperParameters.defaults("PongDeterministic-v4",
        4, 9), Map.of("note", "a|b"));
    assertTrue(table.startsWith("| parameter | value |\n|---|---|\n"), table);
    assertTrue(table.contains("| --env | PongDeterministic-v4 |"), table);
    assertTrue(table.contains("| --entropy-regularization | 0.01 |"), table);
    assertTrue(table.contains("| --action-space | default |"), table);
    assertTrue(table.contains("| note | a\\|b |"), table);
    assertEquals(2 + HyperParameters.class.getRecordComponents().length + 1,
        table.lines().count());
  }
}
