package dev.tidings.match;

class TermIndexMatcherTest extends SearchMatcherContract {
    @Override
    SearchMatcher create() {
        return new TermIndexMatcher();
    }
}
