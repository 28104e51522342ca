package org.stackbridge.adapter.jdbc;
