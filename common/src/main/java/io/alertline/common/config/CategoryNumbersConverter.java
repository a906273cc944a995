package io.alertline.common.config;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.core.convert.converter.Converter;

import io.alertline.common.topic.Category;

/**
 * Reads per-category numbers written as one variable, {@code critical=60,warning=30}
 * ({@code RATE_LIMIT_PER_ENDPOINT}, {@code PROCESSOR_CONCURRENCY_PER_CATEGORY}), into a
 * {@code Map<Category, Integer>}. Boot binds maps natively only from one property per key; the
 * variables predate that and users' set-ups use this form, so each service registers this as a
 * {@code @ConfigurationPropertiesBinding} converter and binds the map like any other property.
 * Blank means no overrides; an unknown category or a malformed entry fails start-up, naming it.
 */
public final class CategoryNumbersConverter implements Converter<String, Map<Category, Integer>> {

    @Override
    public Map<Category, Integer> convert(String source) {
        Map<Category, Integer> numbers = new EnumMap<>(Category.class);
        for (String entry : source.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] kv = entry.split("=", 2);
            try {
                if (kv.length != 2) {
                    throw new IllegalArgumentException("no '='");
                }
                numbers.put(Category.fromId(kv[0].trim()), Integer.valueOf(kv[1].trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("per-category entries look like critical=60,warning=30 (categories: "
                        + "generic, critical, warning, gpu, ai, database); got: " + entry.trim(), e);
            }
        }
        return Map.copyOf(numbers);
    }
}
