package io.jtinc.graph;

/**
 * An opaque handle for one meta connection, provided by the lead's transport. The graph only compares handles by
 * identity ({@code ==}), stores them on the edges it creates for direct connections and hands them back in
 * {@link GraphEffect}s. Implement it on the connection object (or a small wrapper); no methods are required.
 */
public interface ConnectionRef {
}
