// `decide` through UniFFI and JNA, for `cargo xtask bench`: the mean
// nanoseconds of one call after warm-up, printed as one JSON line in the
// shape of every part of bench/report.mjs, each figure with its target.

package dev.paysel.test

import com.google.gson.GsonBuilder
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
        fun figure(metric: String, ns: Double, target: List<Any>? = null) =
            mapOf("metric" to metric, "value" to ns, "unit" to "ns", "target" to target)
        val figures = listOf(
            figure("jvm.decide_default_ns", decide, listOf("<", 50_000)),
            figure("jvm.decide_json_default_ns", decideJson),
            figure("jvm.ffi_round_trip_ns", call),
        )
        println(GsonBuilder().serializeNulls().create().toJson(mapOf("figures" to figures)))
    }
}
