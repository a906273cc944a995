package io.alertline.processor.outcome;

import io.alertline.common.topic.Category;
import tools.jackson.databind.util.StdConverter;

/**
 * An outcome's {@code category} as its id ({@code "warning"}), as outcomes always wrote it.
 * Here rather than on {@link Category} itself, whose other JSON forms (health details) stay as they are.
 */
final class CategoryJson {

    private CategoryJson() {
    }

    static final class Write extends StdConverter<Category, String> {
        @Override
        public String convert(Category category) {
            return category.id();
        }
    }

    static final class Read extends StdConverter<String, Category> {
        @Override
        public Category convert(String id) {
            return Category.fromId(id);
        }
    }
}
