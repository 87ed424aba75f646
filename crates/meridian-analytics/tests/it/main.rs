mod fixture;
mod measures;
mod progress;
