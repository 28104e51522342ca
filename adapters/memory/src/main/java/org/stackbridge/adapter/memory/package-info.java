package org.stackbridge.adapter.memory;
