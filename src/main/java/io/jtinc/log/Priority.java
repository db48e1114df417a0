package io.jtinc.log;

/** Syslog priorities as tincd uses them (LOG_ERR … LOG_DEBUG); the value is the syslog number. */
public enum Priority {
    ERR(3), WARNING(4), NOTICE(5), INFO(6), DEBUG(7);

    public final int syslog;

    Priority(int syslog) {
        this.syslog = syslog;
    }
}
