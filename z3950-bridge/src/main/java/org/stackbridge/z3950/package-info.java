/** Stackbridge Z39.50 and SRU bridge: protocol listener; depends on core and Netty only. */
package org.stackbridge.z3950;
