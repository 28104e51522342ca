package org.stackbridge.core;
