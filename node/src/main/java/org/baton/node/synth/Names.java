package org.baton.node.synth;

import java.util.SplittableRandom;

/** Given names and surnames common in California public schools, for synthetic students. */
final class Names {

    static final String[] FEMALE = {
        "Sofia", "Isabella", "Camila", "Valentina", "Emily", "Mia", "Olivia", "Emma", "Ximena", "Victoria",
        "Ashley", "Genesis", "Natalie", "Abigail", "Chloe", "Sophia", "Angela", "Daniela", "Alyssa", "Jasmine",
        "Mariana", "Andrea", "Nicole", "Leah", "Hannah", "Grace", "Zoe", "Aaliyah", "Destiny", "Kimberly",
        "Mei", "Jia", "Hana", "Priya", "Ananya", "Linh", "Thao", "Ji-woo", "Seo-yeon", "Maria", "Ana", "Luz",
        "Guadalupe", "Fatima", "Amira", "Nadia", "Elena", "Lucia", "Paola", "Samantha"};
    static final String[] MALE = {
        "Mateo", "Santiago", "Sebastian", "Leonardo", "Daniel", "Alexander", "Ethan", "Noah", "Liam", "Julian",
        "Angel", "Diego", "Adrian", "David", "Gabriel", "Jayden", "Isaac", "Christopher", "Joshua", "Anthony",
        "Jesus", "Luis", "Carlos", "Jose", "Juan", "Miguel", "Eduardo", "Kevin", "Brian", "Jonathan",
        "Wei", "Jun", "Hiroshi", "Arjun", "Rohan", "Minh", "Huy", "Min-jun", "Ji-ho", "Omar", "Yusuf",
        "Marcus", "Jamal", "Andre", "Elijah", "Benjamin", "Samuel", "Aaron", "Nathan", "Ryan"};
    static final String[] LAST = {
        "Garcia", "Hernandez", "Lopez", "Martinez", "Rodriguez", "Gonzalez", "Perez", "Sanchez", "Ramirez",
        "Flores", "Torres", "Rivera", "Gomez", "Diaz", "Cruz", "Morales", "Reyes", "Gutierrez", "Ortiz", "Chavez",
        "Ramos", "Ruiz", "Alvarez", "Mendoza", "Castillo", "Jimenez", "Vasquez", "Romero", "Herrera", "Medina",
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
        "Thomas", "Moore", "Jackson", "White", "Harris", "Martin", "Thompson", "Young", "King", "Wright",
        "Nguyen", "Tran", "Le", "Pham", "Kim", "Lee", "Park", "Chen", "Wang", "Li", "Zhang", "Liu", "Huang",
        "Patel", "Singh", "Shah", "Santos", "Reyes", "Dela Cruz", "Bautista", "Khan", "Ali", "Hassan",
        "O'Brien", "Washington", "Jefferson", "Robinson", "Walker", "Lewis", "Hall", "Allen", "Scott"};

    private Names() {
    }

    static String pick(String[] names, SplittableRandom r) {
        return names[r.nextInt(names.length)];
    }
}
