package org.mynn.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mynn.core.MynnException;

/**
 * Says what is wrong with a field of a model's record in mynn's words, not Jackson's: {@code field 'training.seed'
 * must be a whole number, not "abc"}. Jackson names where it stopped (its path) and the type it wanted; the value is
 * looked up in the tree it was reading.
 */
final class FieldErrors {

    private static final Pattern MISSING = Pattern.compile("Missing required creator property '([^']+)'");

    private FieldErrors() {
    }

    /**
     * @param e      what Jackson threw while binding {@code root}
     * @param root   the tree it was binding
     * @param prefix the tree's own field name, e.g. "training"
     * @return a one-line error naming the field (no file name: the caller adds it)
     */
    static MynnException of(JsonProcessingException e, JsonNode root, String prefix) {
        if (!(e instanceof JsonMappingException m)) {
            return new MynnException("field '" + prefix + "' is malformed: " + ModelJson.firstLine(e.getOriginalMessage()));
        }
        StringBuilder name = new StringBuilder(prefix);
        JsonNode node = root;
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                name.append('.').append(r.getFieldName());
                node = node == null ? null : node.get(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                name.append('[').append(r.getIndex()).append(']');
                node = node == null ? null : node.get(r.getIndex());
            }
        }
        Matcher missing = MISSING.matcher(String.valueOf(m.getOriginalMessage()));
        if (missing.find()) {
            String field = name.toString().endsWith("." + missing.group(1)) ? name.toString() : name + "." + missing.group(1);
            return new MynnException("field '" + field + "' is missing; it is required there");
        }
        Class<?> type = m instanceof MismatchedInputException mi ? mi.getTargetType()
                : m.getCause() instanceof InputCoercionException ic ? ic.getTargetType() : null;
        String wanted = kind(type, node);
        if (wanted == null) {
            return new MynnException("field '" + name + "' is malformed: " + ModelJson.firstLine(m.getOriginalMessage()));
        }
        return new MynnException("field '" + name + "' must be " + wanted + ", not " + describe(node));
    }

    /** @return what a value of {@code type} is, for people; null when not known */
    private static String kind(Class<?> type, JsonNode value) {
        if (type == null) {
            return null;
        }
        if (type == Integer.class || type == int.class) {
            return value != null && value.isIntegralNumber() ? "a whole number from -2147483648 to 2147483647"
                    : "a whole number";
        }
        if (type == Long.class || type == long.class || type == Short.class || type == short.class) {
            return value != null && value.isIntegralNumber() ? "a whole number from -9223372036854775808 to"
                    + " 9223372036854775807" : "a whole number";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == String.class) {
            return "text (in quotes)";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type) || type == List.class) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.isPrimitive()) {
            return "an object";
        }
        return null;
    }

    /** @return {@code node} as an error message shows it: text in quotes, numbers as written, containers by kind */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        if (node.isArray()) {
            return "an array of " + node.size();
        }
        if (node.isObject()) {
            return "an object";
        }
        String s = node.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
