package org.mynn.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** JSON for {@code --json} output. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** @return {@code v} rounded to 6 decimals, keeping JSON short; null (JSON null) when not a number */
    static Double round(double v) {
        if (!Double.isFinite(v)) {
            return null;
        }
        return Math.abs(v) < 1e9 ? Math.round(v * 1e6) / 1e6 : v;
    }
}
