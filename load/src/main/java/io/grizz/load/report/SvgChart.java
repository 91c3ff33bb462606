package io.grizz.load.report;

import io.grizz.load.measure.Series;
import java.util.Locale;

/**
 * Draws a {@link Chart} as inline SVG: axes with round ticks, one polyline per series, a legend. No script and no
 * external resource, so the report opens anywhere, offline, and can be mailed as one file.
 */
final class SvgChart {

    private static final int WIDTH = 760;
    private static final int HEIGHT = 280;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    /** Room above the plot for the legend, one row of series names. */
    private static final int TOP = 34;

    private static final int BOTTOM = 44;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};

    private SvgChart() {}

    static String render(Chart chart) {
        Frame frame = frame(chart);
        if (frame == null) {
            return "<p class=\"empty\">no data</p>";
        }
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT));
        svg.append("<title>").append(HtmlReport.escape(chart.title())).append("</title>");
        yTicks(svg, frame);
        xTicks(svg, chart, frame);
        axisLabels(svg, chart);
        polylines(svg, chart, frame);
        legend(svg, chart);
        svg.append("</svg>");
        return svg.toString();
    }

    /**
     * What the plot spans: the points' x range (from 0 to a whole number of nines on a percentile axis), and from 0 up
     * to the first round y tick at or above the highest point. Null without a point to draw.
     */
    private static Frame frame(Chart chart) {
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = 0;
        for (Series series : chart.series()) {
            for (double[] p : series.points()) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        if (minX > maxX) {
            return null;
        }
        if (chart.percentileAxis()) {
            minX = 0;
            maxX = Math.max(1, Math.ceil(maxX));
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        double yTick = niceStep(maxY / 5);
        double topY = Math.max(yTick, Math.ceil(maxY / yTick) * yTick);
        return new Frame(minX, maxX, topY, yTick);
    }

    /** The horizontal grid lines, one per y tick, each with its value. */
    private static void yTicks(StringBuilder svg, Frame frame) {
        double yTick = frame.yTick;
        for (double y = 0; y <= frame.maxY + yTick / 2; y += yTick) {
            double py = frame.y(y);
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>",
                    LEFT,
                    py,
                    WIDTH - RIGHT,
                    py));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%s</text>",
                    LEFT - 6,
                    py + 4,
                    number(y)));
        }
    }

    private static void axisLabels(StringBuilder svg, Chart chart) {
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" class=\"axis\" text-anchor=\"middle\">%s</text>",
                LEFT + (WIDTH - LEFT - RIGHT) / 2,
                HEIGHT - 6,
                HtmlReport.escape(chart.xLabel())));
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"14\" y=\"%d\" class=\"axis\" text-anchor=\"middle\" "
                        + "transform=\"rotate(-90 14 %d)\">%s</text>",
                TOP + (HEIGHT - TOP - BOTTOM) / 2,
                TOP + (HEIGHT - TOP - BOTTOM) / 2,
                HtmlReport.escape(chart.yLabel())));
    }

    /** One polyline per series, in the colour its legend entry shows. */
    private static void polylines(StringBuilder svg, Chart chart, Frame frame) {
        for (int s = 0; s < chart.series().size(); s++) {
            Series series = chart.series().get(s);
            String colour = COLOURS[s % COLOURS.length];
            svg.append("<polyline fill=\"none\" stroke-width=\"1.8\" stroke=\"")
                    .append(colour)
                    .append("\" points=\"");
            for (double[] p : series.points()) {
                svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", frame.x(p[0]), frame.y(p[1])));
            }
            svg.append("\"/>");
        }
    }

    private static void legend(StringBuilder svg, Chart chart) {
        int x = LEFT;
        for (int s = 0; s < chart.series().size(); s++) {
            String name = chart.series().get(s).name();
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"10\" width=\"14\" height=\"4\" fill=\"%s\"/>"
                            + "<text x=\"%d\" y=\"16\" class=\"legend\">%s</text>",
                    x,
                    COLOURS[s % COLOURS.length],
                    x + 18,
                    HtmlReport.escape(name)));
            x += 30 + 7 * name.length();
        }
    }

    private static void xTicks(StringBuilder svg, Chart chart, Frame frame) {
        double step = chart.percentileAxis() ? 1 : niceStep((frame.maxX - frame.minX) / 8);
        double first = Math.ceil(frame.minX / step) * step;
        for (double x = first; x <= frame.maxX + step / 1000; x += step) {
            String label = chart.percentileAxis() ? percentileLabel((int) Math.round(x)) : number(x);
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%s</text>",
                    frame.x(x),
                    HEIGHT - BOTTOM + 16,
                    label));
        }
    }

    /** 0 → 0%, 1 → 90%, 2 → 99%, 3 → 99.9%, … */
    static String percentileLabel(int nines) {
        if (nines == 0) {
            return "0%";
        }
        return nines == 1 ? "90%" : "99" + (nines > 2 ? "." + "9".repeat(nines - 2) : "") + "%";
    }

    /** 1, 2 or 5 times a power of ten. */
    static double niceStep(double rough) {
        if (rough <= 0 || Double.isNaN(rough)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / power;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
    }

    private static String number(double value) {
        if (Math.abs(value) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (Math.rint(value) == value) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        String text = String.format(Locale.ROOT, "%.3g", value);
        return text.contains(".") && !text.contains("e")
                ? text.replaceAll("0+$", "").replaceAll("\\.$", "")
                : text;
    }

    /** @param yTick the step between the y ticks, of which {@code maxY} is a multiple */
    private record Frame(double minX, double maxX, double maxY, double yTick) {
        double x(double value) {
            return LEFT + (value - minX) / (maxX - minX) * (WIDTH - LEFT - RIGHT);
        }

        double y(double value) {
            return HEIGHT - BOTTOM - value / maxY * (HEIGHT - TOP - BOTTOM);
        }
    }
}
