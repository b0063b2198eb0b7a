// `decide` through UniFFI and JNA, for `cargo xtask bench`: the mean
// nanoseconds of one call after warm-up, printed as one JSON line.

package dev.paysel.test

import dev.paysel.Engine

fun main() {
    val ctx = sampleContext()
    val json = """{"platform":"android","host":"native","installed_wallets":{"wechat":"installed"},""" +
        """"amount":12800,"currency":"CNY","country":"CN"}"""
    fun mean(warmUp: Int, n: Int, call: () -> Unit): Double {
        repeat(warmUp) { call() }
        val t = System.nanoTime()
        repeat(n) { call() }
        return (System.nanoTime() - t).toDouble() / n
    }
    Engine().use { engine ->
        val decide = mean(3_000, 20_000) { engine.decide(ctx) }
        val decideJson = mean(1_000, 5_000) { engine.decideJson(json, false) }
        val call = mean(3_000, 20_000) { engine.policyVersion() }
        println("{\"decide_ns\":$decide,\"decide_json_ns\":$decideJson,\"ffi_call_ns\":$call}")
    }
}
