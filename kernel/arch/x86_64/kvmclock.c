/* SPDX-License-Identifier: MIT */
/* kvmclock.c: the TSC frequency as KVM publishes it (pvclock), so boot skips PIT calibration. */
#include <stdbool.h>
#include "cpu.h"
#include "layout.h"
#include "x86.h"

#define KVM_CPUID_SIGNATURE      0x40000000
#define KVM_CPUID_FEATURES       0x40000001
#define KVM_FEATURE_CLOCKSOURCE2 (1u << 3)
#define MSR_KVM_SYSTEM_TIME_NEW  0x4b564d01

/* struct pvclock_vcpu_time_info from the KVM ABI; ns = (tsc * mul << shift) >> 32. */
struct pvclock {
    uint32_t version;            /* odd while the hypervisor updates it */
    uint32_t pad0;
    uint64_t tsc_timestamp;
    uint64_t system_time;
    uint32_t tsc_to_system_mul;
    int8_t tsc_shift;
    uint8_t flags;
    uint8_t pad[2];
} __attribute__((packed));

static struct pvclock kvmclock __attribute__((aligned(64)));

static bool kvm_present(void)
{
    if (!(cpuid(1, 0).ecx & (1u << 31)))
        return false;
    struct cpuid sig = cpuid(KVM_CPUID_SIGNATURE, 0);
    /* "KVMKVMKVM\0\0\0" in ebx, ecx, edx. */
    return sig.ebx == 0x4b4d564b && sig.ecx == 0x564b4d56 && sig.edx == 0x4d &&
           sig.eax >= KVM_CPUID_FEATURES;
}

/* Returns the TSC rate in Hz, or 0 when not under KVM with kvmclock. */
uint64_t x86_kvmclock_tsc_hz(void)
{
    if (!kvm_present() || !(cpuid(KVM_CPUID_FEATURES, 0).eax & KVM_FEATURE_CLOCKSOURCE2))
        return 0;
    /* KVM fills the structure before the guest resumes after the wrmsr. */
    wrmsr(MSR_KVM_SYSTEM_TIME_NEW, ((uint64_t)&kvmclock - X86_KERNEL_VMA) | 1);
    uint32_t version = *(volatile uint32_t *)&kvmclock.version;
    uint32_t mul = *(volatile uint32_t *)&kvmclock.tsc_to_system_mul;
    int shift = *(volatile int8_t *)&kvmclock.tsc_shift;
    wrmsr(MSR_KVM_SYSTEM_TIME_NEW, 0);    /* stop updates: memory is ours again */
    if ((version & 1) || mul == 0 || shift < -4 || shift > 4)
        return 0;
    /* 1 cycle = mul * 2^shift / 2^32 ns, so Hz = 10^9 * 2^32 / mul / 2^shift. */
    uint64_t hz = (1000000000ULL << 32) / mul;
    return shift < 0 ? hz << -shift : hz >> shift;
}
