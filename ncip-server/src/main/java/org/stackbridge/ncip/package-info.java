/** Stackbridge NCIP server: protocol listener; depends on core and Netty only. */
package org.stackbridge.ncip;
