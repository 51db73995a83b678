package org.mynn.cli.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** JSON for what the front ends print or answer: indented, plain. */
public final class Jsons {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Jsons() {
    }

    /** @return {@code v} rounded to 6 decimals, keeping JSON short; null (JSON null) when not a number */
    public static Double round(double v) {
        if (!Double.isFinite(v)) {
            return null;
        }
        return Math.abs(v) < 1e9 ? Math.round(v * 1e6) / 1e6 : v;
    }

    /** @return {@code value} as JSON on one line (for event streams) */
    public static String writeCompact(Object value) {
        try {
            return COMPACT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static final ObjectMapper COMPACT = new ObjectMapper();

    /** @return {@code value} (maps, lists, records, numbers) as indented JSON */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
