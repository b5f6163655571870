package org.vireo.ui.domain;

/** A {@link CheckedField} for a whole number its view model's {@link NumberRule} takes; the view model parses what is typed. */
final class NumberField extends CheckedField {
    NumberField(String id, String text, NumberRule rule) {
        super(id, text, rule::problem);
    }
}
