/**
 * The swarm benchmark (issue 6, "one hub, many Pis"): many simulated tinc 1.0 nodes in one JVM, each with its own
 * RSA key and meta connection, dialling one real jtincd hub. Test-scope tooling run by {@code scripts/bench
 * --swarm}, not part of the product.
 */
package io.jtinc.swarm;
