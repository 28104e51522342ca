/** Stackbridge SIP2 server: protocol listener; depends on core and Netty only. */
package org.stackbridge.sip2;
