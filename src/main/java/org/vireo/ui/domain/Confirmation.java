package org.vireo.ui.domain;

/** What a destructive action asks first: the question, what is lost, and the word on the button that goes ahead. */
record Confirmation(String title, String lost, String action) {
}
