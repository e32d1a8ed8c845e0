package org.baton.node.portal.student;

import java.util.ArrayList;
import java.util.List;

/**
 * Geometry of the a-g progress chart, computed here so the template only draws: one horizontal bar per area,
 * the filled part proportional to semesters earned out of semesters required.
 *
 * @param width  SVG width
 * @param height SVG height
 * @param bars   one bar per area
 */
public record AgChart(int width, int height, List<Bar> bars) {

    static final int LABEL_WIDTH = 40;
    static final int BAR_WIDTH = 360;
    static final int ROW = 34;

    public AgChart {
        bars = List.copyOf(bars);
    }

    /**
     * One bar.
     *
     * @param area     letter
     * @param y        top of the bar
     * @param filled   width of the earned part
     * @param full     width of the whole bar
     * @param earned   semesters earned
     * @param required semesters required
     * @param status   the area's status
     * @param fill     colour of the earned part (contrast ≥ 3:1 on white)
     */
    public record Bar(char area, int y, int filled, int full, int earned, int required,
                      ReadinessReport.AreaStatus.Status status, String fill) {
        public int textY() {
            return y + 17;
        }
    }

    public int labelX() {
        return 8;
    }

    public int barX() {
        return LABEL_WIDTH;
    }

    public int valueX() {
        return LABEL_WIDTH + BAR_WIDTH + 10;
    }

    static AgChart of(List<ReadinessReport.AreaStatus> areas) {
        List<Bar> bars = new ArrayList<>();
        int y = 8;
        for (ReadinessReport.AreaStatus a : areas) {
            int required = Math.max(1, a.required());
            int filled = (int) Math.round(BAR_WIDTH * Math.min(1.0, (double) a.earned() / required));
            String fill = switch (a.status()) {
                case MET -> "#1b6e3a";
                case IN_PROGRESS -> "#8a4b00";
                case MISSING, DEFICIENT -> "#a4161a";
            };
            bars.add(new Bar(a.area(), y, filled, BAR_WIDTH, a.earned(), a.required(), a.status(), fill));
            y += ROW;
        }
        return new AgChart(LABEL_WIDTH + BAR_WIDTH + 280, y + 8, bars);
    }
}
