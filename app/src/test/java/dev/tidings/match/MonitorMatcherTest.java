package dev.tidings.match;

class MonitorMatcherTest extends SearchMatcherContract {
    @Override
    SearchMatcher create() {
        return new MonitorMatcher();
    }
}
