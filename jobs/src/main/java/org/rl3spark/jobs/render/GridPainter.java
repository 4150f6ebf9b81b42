package org.rl3spark.jobs.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.rl3spark.envs.grid.GridTask;
import org.rl3spark.envs.grid.Tile;

/**
 * Draws a GridWorld snapshot as in the paper's Fig. 4: tiles in their colours with their letters (S
 * start, G goal, W wet, ! warning, X danger; obstacles black, blank tiles white), the value
 * estimates of visited start and blank tiles as shades of green (darker = higher) with the value
 * written on every visited tile, and the agent as a black disc. A header names the step, episode
 * and return; a colour bar at the bottom gives the value scale.
 *
 * <p>Layout: the tile at 1-based (row, column) covers {@link #tileX}..+tile − 1 × {@link
 * #tileY}..+tile − 1. Pure java.awt on a {@link BufferedImage}: works headless, and the same inputs
 * give the same pixels.
 */
public final class GridPainter {

  /** Blank and start tiles. */
  public static final Color BLANK = Color.WHITE;

  /** Obstacles. */
  public static final Color OBSTACLE = Color.BLACK;

  /** Wet tiles. */
  public static final Color WATER = new Color(0x6fa8dc);

  /** Warning tiles. */
  public static final Color WARNING = new Color(0xffd966);

  /** Danger tiles. */
  public static final Color DANGER = new Color(0xe06666);

  /** The goal. */
  public static final Color GOAL = new Color(0xb4a7d6);

  /** Lowest value shade. */
  public static final Color LOW = new Color(0xe5f5e0);

  /** Highest value shade. */
  public static final Color HIGH = new Color(0x006d2c);

  /** The agent. */
  public static final Color AGENT = Color.BLACK;

  /** Grid lines. */
  public static final Color GRID = new Color(0xbbbbbb);

  /** Pixels around the grid. */
  public static final int MARGIN = 10;

  /** Height of the header band above the grid. */
  public static final int HEADER = 30;

  /** Height of the colour bar band below the grid. */
  public static final int FOOTER = 36;

  private GridPainter() {}

  /** The colour of a tile kind (before value shading). */
  public static Color tileColor(Tile t) {
    return switch (t) {
      case START, BLANK -> BLANK;
      case GOAL -> GOAL;
      case OBSTACLE -> OBSTACLE;
      case WATER -> WATER;
      case WARNING -> WARNING;
      case DANGER -> DANGER;
    };
  }

  /** The shade of value v on the scale [lo, hi] (the middle shade if lo = hi). */
  public static Color shade(double v, double lo, double hi) {
    double f = hi > lo ? (v - lo) / (hi - lo) : 0.5;
    f = Math.max(0, Math.min(1, f));
    return new Color(
        (int) Math.round(LOW.getRed() + f * (HIGH.getRed() - LOW.getRed())),
        (int) Math.round(LOW.getGreen() + f * (HIGH.getGreen() - LOW.getGreen())),
        (int) Math.round(LOW.getBlue() + f * (HIGH.getBlue() - LOW.getBlue())));
  }

  /** Left pixel of 1-based column {@code col}. */
  public static int tileX(int tile, int col) {
    return MARGIN + (col - 1) * tile;
  }

  /** Top pixel of 1-based row {@code row}. */
  public static int tileY(int tile, int row) {
    return HEADER + (row - 1) * tile;
  }

  /** Image width for a grid side. */
  public static int width(int side, int tile) {
    return 2 * MARGIN + side * tile;
  }

  /** Image height for a grid side. */
  public static int height(int side, int tile) {
    return HEADER + side * tile + FOOTER;
  }

  /**
   * Draws one snapshot.
   *
   * @param task the grid
   * @param snap the snapshot (agent tile, values of visited tiles)
   * @param budget the budget H (for the header)
   * @param tile pixels per tile
   * @param lo value at the lightest shade
   * @param hi value at the darkest shade
   */
  public static BufferedImage paint(
      GridTask task, GridReplay.Snapshot snap, int budget, int tile, double lo, double hi) {
    int side = task.side();
    BufferedImage img =
        new BufferedImage(width(side, tile), height(side, tile), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, img.getWidth(), img.getHeight());
      Font label = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(8, tile * 2 / 5));
      Font value = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(7, tile * 3 / 10));
      for (int r = 1; r <= side; r++) {
        for (int c = 1; c <= side; c++) {
          int s = task.stateOf(r, c);
          Tile t = task.tile(r, c);
          int x = tileX(tile, c);
          int y = tileY(tile, r);
          double v = snap.values()[s];
          boolean shaded = !Double.isNaN(v) && (t == Tile.BLANK || t == Tile.START);
          Color fill = shaded ? shade(v, lo, hi) : tileColor(t);
          g.setColor(fill);
          g.fillRect(x, y, tile, tile);
          g.setColor(GRID);
          g.drawRect(x, y, tile, tile);
          boolean dark = luminance(fill) < 0.45;
          String letter = letter(t);
          if (!letter.isEmpty()) {
            g.setFont(label);
            g.setColor(dark ? Color.WHITE : Color.BLACK);
            g.drawString(letter, x + 3, y + 2 + g.getFontMetrics().getAscent());
          }
          if (!Double.isNaN(v) && t != Tile.OBSTACLE) {
            g.setFont(value);
            g.setColor(dark ? Color.WHITE : Color.BLACK);
            String text = String.format(Locale.ROOT, "%.0f", v);
            FontMetrics fm = g.getFontMetrics();
            g.drawString(
                text, x + (tile - fm.stringWidth(text)) / 2, y + tile - fm.getDescent() - 2);
          }
        }
      }
      int ar = task.rowOf(snap.state());
      int ac = task.colOf(snap.state());
      int d = Math.max(4, tile * 11 / 20);
      g.setColor(AGENT);
      g.fillOval(tileX(tile, ac) + (tile - d) / 2, tileY(tile, ar) + (tile - d) / 2, d, d);
      g.setColor(Color.WHITE);
      g.setStroke(new BasicStroke(1.5f));
      g.drawOval(tileX(tile, ac) + (tile - d) / 2, tileY(tile, ar) + (tile - d) / 2, d, d);

      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
      g.drawString(
          String.format(
              Locale.ROOT,
              "step %d / %d   episode %d   return %.0f",
              snap.step(),
              budget,
              snap.episode(),
              snap.returnSoFar()),
          MARGIN,
          HEADER - 10);
      colourBar(g, side, tile, lo, hi);
    } finally {
      g.dispose();
    }
    return img;
  }

  private static void colourBar(Graphics2D g, int side, int tile, double lo, double hi) {
    int y = HEADER + side * tile + 10;
    int x0 = MARGIN + 70;
    int w = Math.max(40, side * tile - 140);
    for (int i = 0; i < w; i++) {
      g.setColor(shade(lo + (hi - lo) * i / (w - 1.0), lo, hi));
      g.fillRect(x0 + i, y, 1, 12);
    }
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawString("max_a Q:", MARGIN, y + 11);
    g.drawString(String.format(Locale.ROOT, "%.0f", lo), x0 - 2, y + 25);
    String h = String.format(Locale.ROOT, "%.0f", hi);
    g.drawString(h, x0 + w - g.getFontMetrics().stringWidth(h), y + 25);
  }

  private static String letter(Tile t) {
    return switch (t) {
      case START -> "S";
      case GOAL -> "G";
      case WATER -> "W";
      case WARNING -> "!";
      case DANGER -> "X";
      case BLANK, OBSTACLE -> "";
    };
  }

  private static double luminance(Color c) {
    return (0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue()) / 255.0;
  }

  /** An image as PNG bytes. */
  public static byte[] png(BufferedImage img) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(img, "png", out)) {
      throw new IOException("no PNG writer");
    }
    return out.toByteArray();
  }
}
