package io.jtinc.route;

import io.jtinc.config.SubnetSpec;

import java.util.Comparator;
import java.util.Objects;

/** A subnet and the name of the node that owns it: one row of tincd's global subnet tree. */
public record SubnetEntry(SubnetSpec subnet, String owner) {
    /** tincd's subnet_compare: {@link SubnetSpec#TINC_ORDER}, then the owner's name (strcmp). */
    public static final Comparator<SubnetEntry> TINC_ORDER = Comparator
            .comparing(SubnetEntry::subnet, SubnetSpec.TINC_ORDER)
            .thenComparing(SubnetEntry::owner);

    public SubnetEntry {
        Objects.requireNonNull(subnet, "subnet");
        Objects.requireNonNull(owner, "owner");
    }
}
