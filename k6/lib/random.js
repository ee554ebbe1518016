// Uniform draws from a random function returning [0, 1), such as Math.random.

/** A real number in [min, max). */
export function uniform(min, max, random) {
  return min + (max - min) * random();
}

/** An integer in [min, max], both included. */
export function uniformInt(min, max, random) {
  return min + Math.floor(random() * (max - min + 1));
}
