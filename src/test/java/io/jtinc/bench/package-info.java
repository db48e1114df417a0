/**
 * JMH micro-benchmarks of the packet path (issue 6): throughput and allocation per packet of the pieces every
 * datagram goes through. Not tests: JMH's annotation processor generates their harness at test-compile time, and
 * {@code scripts/jmh} runs them. Speed is never asserted in a unit test.
 */
package io.jtinc.bench;
