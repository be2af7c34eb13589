// The IAB's own __tcfapi stub, as a site puts it inline before its CMP loads.
import '@iabtcf/stub';
