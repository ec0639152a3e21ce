package com.example;

import org.junit.jupiter.api.RepeatedTest;

/** The same empty test without the assertion: what JUnit itself costs, for comparison (verify.groovy). */
class PlainTest {

    @RepeatedTest(200)
    void anEmptyTest() {}
}
