package org.stackbridge.bench;
