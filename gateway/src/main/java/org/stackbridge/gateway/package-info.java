package org.stackbridge.gateway;
