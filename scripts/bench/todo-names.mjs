// The owners and titles of the bench's to-do writes, the same at the store and over HTTP.

/** @param {number} u 1-based */
export const benchUser = (u) => `bench-user-${u}`;

/** About as long as a real to-do. @param {number} u @param {number} i 1-based */
export const benchTitle = (u, i) => `To-do ${i} of ${benchUser(u)}: buy milk, walk the dog`;
