package org.vireo.model;

/** One vCPU: its state, CPU time, the host CPU it runs on and the host CPUs it may run on ("0-1"). */
public record VcpuPin(int number, String state, long cpuTimeNs, int hostCpu, String affinity) {
}
