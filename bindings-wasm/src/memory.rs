//! The package's memory allocator: power-of-two size classes with one free
//! list each, carved from `memory.grow`.
//!
//! Why not the default (dlmalloc): it was 7 KB of the `.wasm`, about 3 KB
//! gzipped, for a workload that does not need it. A decision allocates a few
//! hundred small blocks and frees them all before it returns; a policy lives
//! as long as its `Engine`. Size classes serve that in O(1) with a few
//! hundred bytes of code. The price is that a block is up to twice its
//! request, and a freed block only serves its own class again; WebAssembly
//! memory never shrinks anyway.
//!
//! Single-threaded by construction: it is only compiled for `wasm32`
//! without the `atomics` feature, where no second thread can exist.

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::ptr::null_mut;

/// The smallest block: room for the free-list link, and the alignment every
/// block gets.
const MIN_CLASS: u32 = 4;
/// One class per power of two up to 2^31 bytes, the most a wasm32 memory
/// can hold after the program itself.
const CLASSES: usize = 32;
/// `memory.grow` counts 64 KiB pages.
const PAGE: usize = 65_536;

/// The allocator of the npm package (see the module docs).
pub struct SizeClasses {
    state: UnsafeCell<State>,
}

struct State {
    /// The first free block of each class; each free block starts with the
    /// address of the next one (0 ends the list).
    free: [usize; CLASSES],
    /// Unused memory from the last `memory.grow`: `next..end`.
    next: usize,
    end: usize,
}

// SAFETY: only compiled where there is a single thread (see the module docs).
unsafe impl Sync for SizeClasses {}

impl SizeClasses {
    /// An allocator with no memory yet.
    pub const fn new() -> SizeClasses {
        SizeClasses {
            state: UnsafeCell::new(State {
                free: [0; CLASSES],
                next: 0,
                end: 0,
            }),
        }
    }
}

impl Default for SizeClasses {
    fn default() -> Self {
        SizeClasses::new()
    }
}

/// The class of a layout: the exponent of its block size, or `None` when no
/// class can hold it.
fn class(layout: Layout) -> Option<usize> {
    // Every block is 16-byte aligned (blocks are carved in multiples of 16
    // from page-aligned memory): enough for every type paysel and
    // wasm-bindgen allocate. A stricter alignment fails as out of memory.
    if layout.align() > 1 << MIN_CLASS {
        return None;
    }
    let size = layout.size().max(1 << MIN_CLASS);
    let bits = usize::BITS - (size - 1).leading_zeros();
    usize::try_from(bits).ok().filter(|&c| c < CLASSES)
}

impl State {
    /// A fresh block of `size` bytes from the unused memory, grown as needed.
    fn carve(&mut self, size: usize) -> *mut u8 {
        if self.end - self.next < size {
            let pages = size.div_ceil(PAGE);
            let grown = core::arch::wasm32::memory_grow(0, pages);
            let (Some(start), Some(bytes)) = (grown.checked_mul(PAGE), pages.checked_mul(PAGE)) else {
                return null_mut();
            };
            let Some(end) = start.checked_add(bytes) else {
                return null_mut();
            };
            // Nothing else grows the memory, so the new pages follow the old
            // end; if they ever did not, the old remainder is left unused.
            if start != self.end {
                self.next = start;
            }
            self.end = end;
        }
        let block = self.next;
        self.next += size;
        block as *mut u8
    }
}

unsafe impl GlobalAlloc for SizeClasses {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(class) = class(layout) else {
            return null_mut();
        };
        // SAFETY: one thread, and no allocator method re-enters another.
        let state = unsafe { &mut *self.state.get() };
        match state.free.get_mut(class) {
            Some(head) if *head != 0 => {
                let block = *head as *mut u8;
                // SAFETY: a free block of this class starts with its link.
                *head = unsafe { (block as *const usize).read() };
                block
            }
            _ => state.carve(1 << class),
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let Some(class) = class(layout) else {
            return;
        };
        // SAFETY: as in `alloc`.
        let state = unsafe { &mut *self.state.get() };
        if let Some(head) = state.free.get_mut(class) {
            // SAFETY: `ptr` is a block of this class (GlobalAlloc's contract:
            // the same layout it was allocated with), at least 16 bytes.
            unsafe { (ptr as *mut usize).write(*head) };
            *head = ptr as usize;
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: GlobalAlloc's contract: `new_size` rounded to the
        // alignment does not overflow.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        if matches!((class(layout), class(new_layout)), (Some(a), Some(b)) if a == b) {
            return ptr;
        }
        // SAFETY: as the default `realloc` does.
        unsafe {
            let new = self.alloc(new_layout);
            if !new.is_null() {
                core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
            new
        }
    }
}
