package org.rl3spark.notebooks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * Chart conventions of the notebooks (XChart, rendered to PNG). A {@link BufferedImage} returned as
 * a cell's value shows inline.
 */
public final class Plots {

  /** Default chart size in pixels. */
  public static final int WIDTH = 720;

  /** Default chart height in pixels. */
  public static final int HEIGHT = 420;

  /** One colour per algorithm (and for baselines), so every figure reads the same way. */
  public static final Map<String, Color> COLORS =
      Map.of(
          "rl2", new Color(0x1f77b4),
          "rl2_lstm", new Color(0x17becf),
          "rl3", new Color(0xff7f0e),
          "rl3_coarse", new Color(0x2ca02c),
          "rl3_markov", new Color(0xd62728),
          "oracle", new Color(0x555555),
          "random", new Color(0x999999));

  private static final Color[] CYCLE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
    new Color(0xbcbd22), new Color(0x17becf)
  };

  /** Colours for names without their own (baselines): none of them is an algorithm's. */
  private static final Color[] OTHERS = {
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0xbcbd22),
    new Color(0x393b79), new Color(0x637939), new Color(0x8c6d31), new Color(0x843c39),
    new Color(0x7b4173), new Color(0x3182bd)
  };

  private Plots() {}

  /** A line chart with the notebooks' style. */
  public static XYChart xy(String title, String xTitle, String yTitle) {
    XYChart c =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    style(c.getStyler());
    c.getStyler().setMarkerSize(6);
    return c;
  }

  /** A bar chart with the notebooks' style. */
  public static CategoryChart bars(String title, String xTitle, String yTitle) {
    CategoryChart c =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    style(c.getStyler());
    return c;
  }

  private static void style(Styler s) {
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setLegendPosition(Styler.LegendPosition.OutsideE);
    s.setLegendBorderColor(Color.WHITE);
    s.setChartTitleBoxVisible(false);
    s.setPlotBorderVisible(true);
    s.setSeriesColors(CYCLE);
    s.setAntiAlias(true);
  }

  /**
   * The colour of an algorithm (or random, oracle), else the i-th of a cycle of colours that no
   * algorithm uses.
   */
  public static Color color(String name, int i) {
    Color c = COLORS.get(name);
    return c != null ? c : OTHERS[Math.floorMod(i, OTHERS.length)];
  }

  /** A colour halfway to white (e.g. published next to ours). */
  public static Color lighter(Color c) {
    return new Color((c.getRed() + 255) / 2, (c.getGreen() + 255) / 2, (c.getBlue() + 255) / 2);
  }

  /** A dashed line stroke (out-of-distribution series). */
  public static BasicStroke dashed() {
    return new BasicStroke(
        2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
  }

  /** A solid line stroke. */
  public static BasicStroke solid() {
    return new BasicStroke(2f);
  }

  /** A chart as an image. */
  public static BufferedImage png(Chart<?, ?> chart) {
    return BitmapEncoder.getBufferedImage(chart);
  }

  /** Reads a PNG file. */
  public static BufferedImage read(String file) {
    try {
      BufferedImage img = ImageIO.read(Path.of(file).toFile());
      if (img == null) {
        throw new IOException("not an image: " + file);
      }
      return img;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Images in rows of at most {@code perRow}, each row as {@link #row}, stacked on white. */
  public static BufferedImage grid(List<BufferedImage> images, List<String> captions, int perRow) {
    if (perRow < 1) {
      throw new IllegalArgumentException("perRow must be >= 1");
    }
    List<BufferedImage> rows = new java.util.ArrayList<>();
    for (int i = 0; i < images.size(); i += perRow) {
      int j = Math.min(images.size(), i + perRow);
      rows.add(row(images.subList(i, j), captions.subList(i, j)));
    }
    int w = rows.stream().mapToInt(BufferedImage::getWidth).max().orElse(1);
    int h = rows.stream().mapToInt(BufferedImage::getHeight).sum();
    BufferedImage out = new BufferedImage(w, Math.max(h, 1), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, Math.max(h, 1));
    int y = 0;
    for (BufferedImage r : rows) {
      g.drawImage(r, 0, y, null);
      y += r.getHeight();
    }
    g.dispose();
    return out;
  }

  /** Images side by side (top-aligned) with a caption under each, on white. */
  public static BufferedImage row(List<BufferedImage> images, List<String> captions) {
    if (images.size() != captions.size()) {
      throw new IllegalArgumentException("one caption per image");
    }
    int gap = 12;
    int captionHeight = 24;
    int w = gap;
    int h = 0;
    for (BufferedImage i : images) {
      w += i.getWidth() + gap;
      h = Math.max(h, i.getHeight());
    }
    BufferedImage out =
        new BufferedImage(Math.max(w, 1), h + captionHeight + gap, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    int x = gap;
    for (int k = 0; k < images.size(); k++) {
      BufferedImage i = images.get(k);
      g.drawImage(i, x, gap / 2, null);
      int tw = g.getFontMetrics().stringWidth(captions.get(k));
      g.drawString(captions.get(k), x + (i.getWidth() - tw) / 2, h + gap / 2 + 18);
      x += i.getWidth() + gap;
    }
    g.dispose();
    return out;
  }
}
