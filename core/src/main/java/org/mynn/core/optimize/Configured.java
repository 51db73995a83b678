package org.mynn.core.optimize;

import java.util.ArrayList;
import java.util.List;
import org.mynn.core.MynnException;
import org.mynn.core.Registry;

/**
 * An optimizer with its settings, as written on the command line and in a model's provenance: {@code adam},
 * {@code momentum:0.95}, {@code adam:0.9:0.999:1e-8}.
 *
 * @param optimizer the plugin, configured with its settings (the defaults filled in)
 * @param spec      how it was written
 */
public record Configured(Optimizer optimizer, String spec) {

    /** @return true for the book's plain SGD, which the engines run with their fused kernels */
    public boolean plain() {
        return optimizer.slots() == 0 && optimizer.name().equals("sgd");
    }

    /**
     * @param spec e.g. {@code momentum:0.9}
     * @throws MynnException naming what is wrong: an optimizer that is not installed, a setting that is not a number or
     *                       out of range
     */
    public static Configured parse(String spec, Registry<Optimizer> optimizers) {
        String[] parts = spec.trim().split(":", -1);
        Optimizer o = optimizers.get(parts[0]);
        List<Double> given = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            try {
                given.add(Double.parseDouble(parts[i]));
            } catch (NumberFormatException e) {
                throw new MynnException("'" + spec + "' is not understood: '" + parts[i] + "' is not a number (write "
                        + o.usage() + ")");
            }
        }
        return new Configured(o.configure(given), spec.trim());
    }

    /** The book's optimizer. */
    public static Configured sgd() {
        return new Configured(new Sgd(), "sgd");
    }
}
