package org.mynn.core.run;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.mynn.core.Labelled;
import org.mynn.core.MynnException;
import org.mynn.core.SettingException;

/** How {@link RunSpec} reads what people give: sizes, labels and plugin names, each failure named by its field. */
final class Parse {

    private Parse() {
    }

    static String shape(int[] sizes) {
        return String.join("-", Arrays.stream(sizes).mapToObj(Integer::toString).toList());
    }

    static int[] sizes(String field, List<Integer> values, int least) {
        if (values.size() < least) {
            throw new SettingException(field, least == 2 ? "needs at least 2 sizes (inputs and classes) but has " + values.size()
                    : "needs at least " + least + " size but has none");
        }
        if (field.equals("hidden") && values.size() > RunSpec.MAX_HIDDEN_LAYERS) {
            throw new SettingException(field, "has " + values.size() + " layers; at most " + RunSpec.MAX_HIDDEN_LAYERS);
        }
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            Integer v = values.get(i);
            if (v == null || v < 1 || v > RunSpec.MAX_NODES) {
                throw new SettingException(field, String.format(Locale.ROOT, "sizes must be from 1 to %,d but '%s' has %s",
                        RunSpec.MAX_NODES, values.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse(""), v));
            }
            out[i] = v;
        }
        return out;
    }

    static <E extends Enum<E> & Labelled> E label(Class<E> type, String field, String value, String what) {
        return lookup(field, () -> Labelled.parse(type, value.trim(), what));
    }

    static <T> T lookup(String field, Supplier<T> f) {
        try {
            return f.get();
        } catch (SettingException e) {
            throw e;
        } catch (MynnException | IllegalArgumentException e) {
            throw new SettingException(field, e.getMessage());
        }
    }
}
