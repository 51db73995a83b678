package org.mynn.core.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;

/**
 * Lays a model file out for people: fields on their own lines, each weight row on one line, small arrays inline.
 */
final class ModelPrettyPrinter extends DefaultPrettyPrinter {
    private static final long serialVersionUID = 1L;

    ModelPrettyPrinter() {
        super(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        indentArraysWith(new WeightsIndenter());
    }

    private ModelPrettyPrinter(ModelPrettyPrinter base) {
        super(base);
    }

    @Override
    public DefaultPrettyPrinter createInstance() {
        return new ModelPrettyPrinter(this);
    }

    /** Breaks lines only in the outer two levels of the {@code weights} array: one matrix, one row per line. */
    private static final class WeightsIndenter implements Indenter {
        @Override
        public void writeIndentation(JsonGenerator g, int level) throws IOException {
            JsonStreamContext ctx = g.getOutputContext();
            int arrays = 0;
            while (ctx != null && ctx.inArray()) {
                arrays++;
                ctx = ctx.getParent();
            }
            if (ctx != null && "weights".equals(ctx.getCurrentName()) && arrays <= 2) {
                g.writeRaw('\n');
                for (int i = 0; i < level; i++) {
                    g.writeRaw("  ");
                }
            }
        }

        @Override
        public boolean isInline() {
            return false;
        }
    }
}
