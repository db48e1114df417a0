/**
 * RSA keys in tinc's PKCS#1 PEM form (read, write, generate), file permission checks, and the cipher and digest registry. Pure functions: no sockets, no threads.
 */
package io.jtinc.crypto;
