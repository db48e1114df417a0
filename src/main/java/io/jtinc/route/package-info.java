/**
 * Switch, router and hub modes over the routing snapshot. Filled by the protocol issue.
 */
package io.jtinc.route;
