package io.a3c.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.awt.image.IndexColorModel;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PaletteTest {

  @Test
  void indexesColoursInOrderOfFirstAppearance() {
    Palette p = Palette.of(new int[] {0xff0000, 0x000000, 0xff0000, 0x00ff00, 0x000000});
    assertNotNull(p);
    assertEquals(3, p.colorCount());
    assertArrayEquals(new int[] {0, 1, 0, 2, 1}, p.indices());
    IndexColorModel model = p.colorModel();
    assertEquals(0xff0000, model.getRGB(0) & 0xffffff);
    assertEquals(0x000000, model.getRGB(1) & 0xffffff);
    assertEquals(0x00ff00, model.getRGB(2) & 0xffffff);
  }

  @Test
  void aSingleColourStillMakesAValidGifTable() {
    Palette p = Palette.of(new int[] {0x123456, 0x123456});
    assertNotNull(p);
    assertEquals(2, p.colorModel().getMapSize());
    assertEquals(0x123456, p.colorModel().getRGB(0) & 0xffffff);
  }

  @Test
  void exactly256ColoursFitAndOneMoreDoesNot() {
    int[] colours = IntStream.range(0, 256).map(i -> i * 0x010101).toArray();
    assertEquals(256, Palette.of(colours).colorCount());
    int[] more = IntStream.range(0, 257).map(i -> i * 0x000101 + (i > 255 ? 0x100000 : 0))
        .toArray();
    assertNull(Palette.of(more));
  }
}
