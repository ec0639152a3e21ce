package dev.loompatterns.fidelity;

import java.util.ArrayList;
import java.util.List;

/** One mode's times: the example's and the harness's, pair by pair. */
public record Times(List<Double> example, List<Double> loom) {
    public Times {
        example = List.copyOf(example);
        loom = List.copyOf(loom);
    }

    /** The harness's time over the example's, pair by pair. */
    public List<Double> ratios() {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < example.size(); i++) {
            ratios.add(loom.get(i) / example.get(i));
        }
        return ratios;
    }
}
