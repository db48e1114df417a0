package io.jtinc.graph;

/** A connection handle for tests; toString gives tincd's "name (hostname)" log form. */
final class TestConn implements ConnectionRef {
    final String name;

    TestConn(String name) {
        this.name = name;
    }

    @Override
    public String toString() {
        return name + " (test)";
    }
}
